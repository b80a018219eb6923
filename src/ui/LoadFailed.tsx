// A page's data did not arrive: say so, and offer to try again.

export function LoadFailed({ what, onRetry }: { what: string; onRetry: () => void }) {
  return (
    <div className="page-status">
      <p role="alert">Could not load {what}.</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
