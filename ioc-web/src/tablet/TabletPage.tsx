/** Placeholder until the page is built. */
export default function TabletPage() {
  return <div className="page-message">TabletPage </div>;
}
