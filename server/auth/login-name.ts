/**
 * The account a login names, as login looks it up: the rate limit keys on exactly this, so that
 * every spelling login accepts (`"  Coord-A"`) counts against the same account.
 */
export const loginName = (username: string): string => username.trim().toLowerCase();
