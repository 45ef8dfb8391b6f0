/** Placeholder until the page is built. */
export default function WallConsolePage({ wallId }: { wallId: string }) {
  return <div className="page-message">WallConsolePage {wallId}</div>;
}
