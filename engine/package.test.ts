import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import { canonicalJson } from './canonical';
import { checkPackage, definitionChecksum, makePackage, packageJsonSchema, readPackage } from './package';
import type { Definition } from './definition';

const provenance = { site: 'venray', version: 3, exportedAt: '2026-11-28T10:00:00.000Z', basedOn: null };

describe('package format', () => {
  it('keeps docs/package.schema.json equal to the schema it is generated from', () => {
    const committed = JSON.parse(readFileSync(new URL('../docs/package.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(packageJsonSchema());
  });

  it('sums the canonical definition: key order and the site-local version do not count, content does', () => {
    const [def] = shippedWorkflows();
    const reordered = JSON.parse(JSON.stringify(def, Object.keys(def).reverse())) as Definition;
    const shuffled = { ...Object.fromEntries(Object.entries(def).reverse()), version: 7 } as Definition;
    expect(definitionChecksum(shuffled)).toBe(definitionChecksum(def));
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }] })).toBe('{"a":[{"c":"x","d":2}],"b":1}');
    const changed = structuredClone(def);
    changed.title.nl += '!';
    expect(definitionChecksum(changed)).not.toBe(definitionChecksum(def));
    expect(reordered.key).toBe(def.key);
  });

  it('reads back every shipped workflow it packs, through text', () => {
    for (const def of shippedWorkflows()) {
      const pkg = makePackage({ ...def, version: 3 }, provenance);
      expect(pkg.definition).not.toHaveProperty('version');
      const read = readPackage(JSON.stringify(pkg, null, 2));
      expect(read.ok, JSON.stringify(!read.ok && read.problems)).toBe(true);
      if (read.ok) expect(read.package.sha256).toBe(pkg.sha256);
    }
  });

  it('refuses layer by layer, each with a path', () => {
    const [def] = shippedWorkflows();
    const pkg = makePackage(def, provenance);
    const paths = (r: ReturnType<typeof readPackage>) => (r.ok ? [] : r.problems.map((p) => p.path));
    expect(paths(readPackage('{"format":'))).toEqual(['(root)']);
    expect(paths(readPackage('['.repeat(100) + ']'.repeat(100)))).toEqual(['(root)']);
    expect(paths(readPackage(JSON.stringify({ ...pkg, formatVersion: 2 })))).toEqual(['formatVersion']);
    expect(paths(readPackage(JSON.stringify({ ...pkg, sha256: '0'.repeat(64) })))).toEqual(['sha256']);
    expect(paths(readPackage(JSON.stringify(pkg).replace('"fields":{', '"fields":{"__proto__":{},')))).toEqual([
      'definition.fields.__proto__',
    ]);
    const withScript = structuredClone(def);
    withScript.title.nl = '<script>alert(1)</script>';
    expect(paths(checkPackage(makePackage(withScript, provenance)))).toEqual(['definition.title.nl']);
    const toString = structuredClone(def);
    toString.startForm.push({ field: 'toString' });
    expect(paths(checkPackage(makePackage(toString, provenance)))).toEqual([
      `definition.startForm.${def.startForm.length}.field`,
    ]);
  });
});
