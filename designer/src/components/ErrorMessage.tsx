import { describeError, type ErrorDetail } from '../lib/api';
import { useI18n } from '../lib/i18n';

/**
 * An error as a person reads it, the one way every page shows one: the server's message, and each
 * detail with where it points. `omit` leaves out details shown elsewhere (at a form's fields).
 */
export function ErrorMessage({
  error,
  omit,
  'data-testid': testId,
}: {
  error: unknown;
  omit?: (detail: ErrorDetail) => boolean;
  'data-testid'?: string;
}) {
  const { locale } = useI18n();
  if (error === null || error === undefined) return null;
  const { message, details } = describeError(error, locale);
  const shown = details.filter((d) => !omit?.(d) && d.message !== message);
  if (shown.length === 0)
    return (
      <p className="error" role="alert" data-testid={testId}>
        {message}
      </p>
    );
  return (
    <div className="error" role="alert" data-testid={testId}>
      <p>
        <strong>{message}</strong>
      </p>
      <ul>
        {shown.map((d, i) => (
          <li key={i}>
            {d.path && (
              <>
                <code>{d.path}</code>:{' '}
              </>
            )}
            {d.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
