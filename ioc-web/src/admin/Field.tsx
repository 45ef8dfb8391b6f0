import type { ReactNode } from 'react';

/** A labelled form control with the server's problem for that field beside it. */
export function Field({ label, name, error, children }: { label: string; name: string; error?: string; children: ReactNode }) {
  return (
    <label className={`admin-field${error ? ' admin-field--error' : ''}`} data-field={name}>
      <span className="admin-field__label">{label}</span>
      {children}
      {error && <span className="admin-field__error" role="alert">{error}</span>}
    </label>
  );
}

/** The request's overall outcome: saved, or the problem's detail. */
export function Outcome({ ok, error }: { ok: string | null; error: string | null }) {
  if (error) return <p className="admin-outcome admin-outcome--error" role="alert">{error}</p>;
  if (ok) return <p className="admin-outcome" role="status">{ok}</p>;
  return null;
}
