// Limits the server checks and the app says beforehand, once. No imports: the app takes these
// without pulling the schemas into its bundle.

/** The shortest password the policy accepts (server/auth/passwords.ts checks it). */
export const passwordMinLength = 10;
/** Who can change every account or the process (projectleider, beheerder) needs a longer one. */
export const leadPasswordMinLength = 12;

export function passwordMinLengthFor(role: string | undefined): number {
  return role === 'manager' || role === 'admin' ? leadPasswordMinLength : passwordMinLength;
}

/** What a username may be: lower-case letters, digits, dot, dash and underscore; 2 to 40 long. */
export const usernamePattern = '^[a-z0-9][a-z0-9._-]{1,39}$';
