import { Type } from '@sinclair/typebox';

/**
 * Every error the API answers with, by stable code, and its HTTP status. Tests and clients match
 * the code, never the text. A 5xx never shows its cause to the client; everything else says what
 * to fix. The codes are part of the contract: OpenAPI lists them and the app can switch on them.
 */
export const errorCatalog = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ROLE_NOT_ALLOWED: 403,
  /** The action or sign-off item is for other functions in the team (the definition's `restrictedTo`). */
  FUNCTION_NOT_ALLOWED: 403,
  /** A form asks for personal fields the caller may not see (the definition's `privacy`). */
  PERSONAL_DATA_HIDDEN: 403,
  /** A browser sent a change from a page of another origin (cross-site request forgery). */
  FORBIDDEN_ORIGIN: 403,
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
  /** The case was voided (created by mistake): it takes no changes any more. */
  CASE_VOIDED: 422,
  /** A change would write a personal field or a note into a case whose personal data was erased (pseudonymised). */
  PERSONAL_DATA_ERASED: 422,
  EXCLUSIVE_CLASH: 422,
  /** A match the student's facts do not allow: not in the wijk now, a half-day off their days or on a lesson, the frequency. */
  MATCH_REFUSED: 422,
  /** Presence is asked for a case whose workflow is not about a student. */
  NOT_A_STUDENT: 422,
  INVALID_DEFINITION: 422,
  INVALID_PACKAGE: 422,
  NO_UPSTREAM: 422,
  INVALID_SCXML: 422,
  INVALID_BPMN: 422,
  /** A site calendar with a problem: an unknown time zone, a day that does not exist, a period that ends before it begins. */
  INVALID_CALENDAR: 422,
  /** The request came in too slowly for the server to wait for it. */
  REQUEST_TIMEOUT: 408,
  /** A part of the address is longer than the router reads (a case id is 36 characters). */
  URI_TOO_LONG: 414,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /**
   * The database has no room to write (a full disk): nothing of the request was stored. 507, not
   * 503: waiting does not help, someone has to make room; /api/health says 503 meanwhile.
   */
  STORAGE_FULL: 507,
} as const;

export type ErrorCode = keyof typeof errorCatalog;

export const errorCodes = Object.keys(errorCatalog) as ErrorCode[];

export const ErrorCodeSchema = Type.Union(errorCodes.map((code) => Type.Literal(code)));
