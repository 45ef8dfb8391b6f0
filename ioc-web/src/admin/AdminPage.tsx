/** Placeholder until the page is built. */
export default function AdminPage() {
  return <div className="page-message">AdminPage </div>;
}
