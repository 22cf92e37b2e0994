/**
 * The account a login names, as login looks it up: `naam`, or `naam@locatie` where the same name
 * is used on more than one site (names are unique per site, so one site's admin cannot learn
 * another site's accounts by being refused a name). Lower-cased and trimmed, so every spelling
 * login accepts (`"  Coord-A"`) is the same account; the rate limit keys on the name alone, so
 * adding a site does not buy fresh attempts.
 */
export function loginName(raw: string): { username: string; site: string | null } {
  const name = raw.trim().toLowerCase();
  // A username has no '@' (usernamePattern), so the last one starts the site.
  const at = name.lastIndexOf('@');
  return at > 0
    ? { username: name.slice(0, at).trim(), site: name.slice(at + 1).trim() }
    : { username: name, site: null };
}
