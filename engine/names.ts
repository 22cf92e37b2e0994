/**
 * Names made from what people wrote (a Dutch label, another tool's id or event): the designer
 * names a new step or action this way, and an import names what it reads.
 */

/** Names the grammar refuses (engine/definition.ts): lookups would find Object.prototype's members. */
const reserved = [
  'constructor',
  'prototype',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
];

function unique(base: string, taken: Iterable<string>, join: string): string {
  // A set is asked, not copied: naming thousands of steps stays linear.
  const known = taken instanceof Set ? (taken as Set<string>) : new Set(taken);
  const used = (name: string) => known.has(name) || reserved.includes(name);
  let name = base;
  for (let n = 2; used(name); n++) name = `${base}${join}${n}`;
  return name;
}

/** A name from a text: accents dropped, other characters joined, unique among `taken`. */
function nameFrom(label: string, taken: Iterable<string>, style: { upper: boolean; join: string; fallback: string }) {
  const plain = label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const cased = style.upper ? plain.toUpperCase() : plain.toLowerCase();
  const letters = style.upper ? /[^A-Z0-9]+/g : /[^a-z0-9]+/g;
  const base =
    cased
      .replace(letters, style.join)
      .replace(new RegExp(`^\\${style.join}+|\\${style.join}+$`, 'g'), '')
      .replace(style.upper ? /^[^A-Z]+/ : /^[^a-z]+/, '')
      .slice(0, 60) || style.fallback;
  return unique(base, taken, style.join);
}

/** A key for a new state from its Dutch name: lower case, dashes, unique among its siblings. */
export const keyFor = (label: string, taken: Iterable<string>) =>
  nameFrom(label, taken, { upper: false, join: '-', fallback: 'stap' });

/** An event name from its Dutch label, e.g. "Huisbezoek gedaan" → HUISBEZOEK_GEDAAN. */
export const eventFor = (label: string, taken: Iterable<string>) =>
  nameFrom(label, taken, { upper: true, join: '_', fallback: 'ACTIE' });

/**
 * A state key from another tool's id, kept as it is where the grammar allows (`Idle`, `s-1`):
 * other characters become `_`, and a key that does not start with a letter gets `s` before it.
 */
export function identifierFrom(id: string, taken: Iterable<string>): string {
  const plain = id.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let base = plain.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 70);
  if (!/^[A-Za-z]/.test(base)) base = `s${base}`;
  return unique(base, taken, '_');
}
