/** Placeholder until the page is built. */
export default function IncidentsPage() {
  return <div className="page-message">IncidentsPage </div>;
}
