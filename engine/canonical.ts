/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does), no
 * whitespace, strings and numbers as JSON.stringify writes them, undefined members left out. Two
 * definitions that mean the same give the same text, whatever order a tool or a database wrote
 * their keys in. Kept apart from the checksum so the designer can compare without node:crypto.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const o = value as Record<string, unknown>;
  const entries = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`);
  return `{${entries.join(',')}}`;
}
