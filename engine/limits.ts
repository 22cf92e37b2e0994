import { utf8Length } from './bytes';
import { problem, type Problem } from './problem';

/**
 * What a workflow definition may weigh, however it arrives: a draft from the designer, a package
 * from another site, an SCXML file, a merge. A real workflow stays far below: the shipped ones
 * are 60 KB and 14 levels deep. The text of a package or an SCXML file is held to the same
 * numbers before it is parsed.
 */
export const definitionLimits = { bytes: 1024 * 1024, depth: 64 } as const;

type Key = string | number;
interface Visit {
  value: unknown;
  parent: Visit | undefined;
  key: Key | undefined;
  depth: number;
}

function pathOf(v: Visit, root: string): string {
  const keys: Key[] = [];
  for (let at: Visit | undefined = v; at?.parent; at = at.parent) keys.push(at.key!);
  const inner = keys.reverse().join('.');
  return root && inner ? `${root}.${inner}` : root || inner || '(root)';
}

/**
 * What no value from outside may hold, at any depth, with the path of each (under `root`): a NUL
 * character in a text or a name (PostgreSQL refuses it and SQLite cuts a text there), a number
 * that is not finite (JSON has none, but `1e309` parses as Infinity and is stored as null), and
 * nesting deeper than `maxDepth`. Walked without recursion, so no depth can exhaust the stack;
 * the paths are only spelled out for what is found.
 */
export function unsafeValues(value: unknown, root = '', maxDepth = Infinity, most = 20): Problem[] {
  const out: Problem[] = [];
  const stack: Visit[] = [{ value, parent: undefined, key: undefined, depth: 0 }];
  const refuse = (v: Visit, nl: string, en: string) => out.push(problem(pathOf(v, root), nl, en));
  let tooDeep = false;
  while (stack.length && out.length < most) {
    const v = stack.pop()!;
    const x = v.value;
    if (typeof x === 'string') {
      if (x.includes('\u0000'))
        refuse(
          v,
          'bevat een NUL-teken (\\u0000), dat nergens is toegestaan',
          'contains a NUL character (\\u0000), which is never allowed',
        );
    } else if (typeof x === 'number') {
      if (!Number.isFinite(x)) refuse(v, 'moet een eindig getal zijn', 'must be a finite number');
    } else if (x !== null && typeof x === 'object') {
      const depth = v.depth + 1;
      if (depth > maxDepth) {
        // Once is enough: every deeper branch would say the same.
        if (!tooDeep) refuse(v, `meer dan ${maxDepth} lagen diep genest`, `nested more than ${maxDepth} levels deep`);
        tooDeep = true;
        continue;
      }
      const entries: [Key, unknown][] = Array.isArray(x) ? x.map((item, i) => [i, item]) : Object.entries(x);
      // Pushed in reverse, so what is found comes out in document order.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i];
        const child = { value: item, parent: v, key, depth };
        if (typeof key === 'string' && key.includes('\u0000'))
          refuse(
            child,
            'de naam bevat een NUL-teken (\\u0000), dat nergens is toegestaan',
            'the name contains a NUL character (\\u0000), which is never allowed',
          );
        else stack.push(child);
      }
    }
  }
  return out;
}

/** The size of a text against the limit, in words; undefined when it is within. */
export function sizeProblem(bytes: number, what: { nl: string; en: string }): Problem | undefined {
  if (bytes <= definitionLimits.bytes) return undefined;
  const mb = (bytes / 1048576).toFixed(1);
  return problem(
    '(root)',
    `${what.nl} is ${mb} MB; meer dan 1 MB wordt niet gelezen`,
    `${what.en} is ${mb} MB; more than 1 MB is not read`,
  );
}

/**
 * A definition already parsed, against the limits: its nesting, what no value may hold, and its
 * size as JSON (measured only once its depth is known to be safe to write).
 */
export function definitionLimitProblems(definition: unknown, root = 'definition'): Problem[] {
  const unsafe = unsafeValues(definition, root, definitionLimits.depth);
  if (unsafe.length) return unsafe;
  const size = sizeProblem(utf8Length(JSON.stringify(definition) ?? ''), {
    nl: 'De workflow',
    en: 'The workflow',
  });
  return size ? [{ ...size, path: root || '(root)' }] : [];
}
