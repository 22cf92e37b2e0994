import type { Message, Problem } from '../engine';

/**
 * Every error the API answers with, by stable code. Tests and clients match the code, never the
 * text. A 5xx never shows its cause to the client; everything else says what to fix.
 */
export const errorCatalog = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ROLE_NOT_ALLOWED: 403,
  /** A form asks for personal fields the caller may not see (the definition's `privacy`). */
  PERSONAL_DATA_HIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_ITEM: 404,
  STALE_REVISION: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_FORM: 422,
  UNKNOWN_EVENT: 422,
  EVENT_NOT_ALLOWED: 422,
  CASE_CLOSED: 422,
  EXCLUSIVE_CLASH: 422,
  /** Presence is asked for a case whose workflow is not about a student. */
  NOT_A_STUDENT: 422,
  INVALID_DEFINITION: 422,
  INVALID_PACKAGE: 422,
  NO_UPSTREAM: 422,
  INVALID_SCXML: 422,
  INVALID_BPMN: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorCatalog;

export interface Detail {
  path: string;
  message: Message;
}

export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    readonly text: Message,
    readonly details?: Detail[],
  ) {
    super(text.en);
    this.statusCode = errorCatalog[code];
  }
}

export function appError(code: ErrorCode, nl: string, en: string, details?: Detail[]): AppError {
  return new AppError(code, { nl, en }, details);
}

export const notFound = (what: { nl: string; en: string }) =>
  appError('NOT_FOUND', `${what.nl} niet gevonden`, `${what.en} not found`);

export function fromProblems(code: ErrorCode, message: Message, problems: Problem[] = []): AppError {
  return new AppError(
    code,
    message,
    problems.map(({ path, message }) => ({ path, message })),
  );
}

export const caseNotFound = () => notFound({ nl: 'Casus', en: 'Case' });

export function staleRevision(current?: number): AppError {
  return appError(
    'STALE_REVISION',
    'Iemand anders heeft deze casus net gewijzigd; laad hem opnieuw',
    'Someone else has just changed this case; reload it',
    current
      ? [
          {
            path: 'revision',
            message: { nl: `De casus is nu bij revisie ${current}`, en: `The case is now at revision ${current}` },
          },
        ]
      : undefined,
  );
}
