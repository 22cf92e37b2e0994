import { isValidElement, type ComponentProps, type ReactNode } from 'react';

/** A column heading; with a class when it needs one (e.g. `no-print`). */
export type Column = ReactNode | { label: ReactNode; className: string };

const isLabelled = (c: Column): c is { label: ReactNode; className: string } =>
  typeof c === 'object' && c !== null && !isValidElement(c) && 'label' in c;

/** A table of rows under one row of column headings (left out when there are none). */
export function Table({ columns, children, ...props }: ComponentProps<'table'> & { columns?: Column[] }) {
  return (
    <table {...props}>
      {columns && (
        <thead>
          <tr>
            {columns.map((c, i) =>
              isLabelled(c) ? (
                <th key={i} scope="col" className={c.className}>
                  {c.label}
                </th>
              ) : (
                <th key={i} scope="col">
                  {c}
                </th>
              ),
            )}
          </tr>
        </thead>
      )}
      <tbody>{children}</tbody>
    </table>
  );
}
