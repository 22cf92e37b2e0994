import type { Message, Problem } from '../engine';
import { errorCatalog, type ErrorCode } from './contract/errors';

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

export const caseVoided = () =>
  appError(
    'CASE_VOIDED',
    'Deze casus is vervallen (aangemaakt bij vergissing) en wordt niet meer gewijzigd',
    'This case was voided (created by mistake) and takes no changes',
  );

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
