import type { ReactNode } from 'react';

/** A page's title and one-line purpose, with its own controls (or a print button) on the right. */
export function PageHead({
  title,
  intro,
  print,
  children,
}: {
  title: string;
  intro?: string;
  print?: string;
  children?: ReactNode;
}) {
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        {intro && <p className="muted">{intro}</p>}
      </div>
      {children}
      {print && (
        <button className="no-print" onClick={() => window.print()}>
          {print}
        </button>
      )}
    </div>
  );
}
