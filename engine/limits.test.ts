import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import { definitionLimitProblems, definitionLimits, unsafeValues } from './limits';
import { makePackage, readPackage } from './package';
import { fromScxml, toScxml } from './scxml';

const provenance = { site: 'horst', version: 1, exportedAt: '2026-11-01T09:00:00.000Z', basedOn: null };

describe('what no value from outside may hold', () => {
  it('finds NUL in texts and names and numbers that are not finite, by path, in document order', () => {
    const found = unsafeValues(
      { a: 'ok', b: ['x\u0000y', { 'c\u0000': 1 }], d: Infinity, e: { f: -Infinity, g: NaN } },
      'body',
    );
    expect(found.map((p) => p.path)).toEqual(['body.b.0', 'body.b.1.c\u0000', 'body.d', 'body.e.f', 'body.e.g']);
    expect(found[0].message.nl).toContain('NUL-teken');
    expect(found[2].message).toEqual({ nl: 'moet een eindig getal zijn', en: 'must be a finite number' });
    expect(unsafeValues({ a: [1, 'twee', null, true, { b: 2.5 }] }, 'body')).toEqual([]);
    expect(unsafeValues('a\u0000')).toEqual([expect.objectContaining({ path: '(root)' })]);
  });

  it('walks a hundred thousand levels without recursion, and reports too deep once, where it starts', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unsafeValues(deep).map((p) => p.path.split('.').length)).toEqual([100_000]);
    const limited = unsafeValues({ a: deep, b: deep }, 'definition', 64);
    expect(limited).toHaveLength(1);
    expect(limited[0].path.split('.')).toHaveLength(65);
    expect(limited[0].message.nl).toBe('meer dan 64 lagen diep genest');
  });

  it('holds a definition to 1 MB and 64 levels; the shipped workflows stay far below', () => {
    for (const def of shippedWorkflows()) expect(definitionLimitProblems(def)).toEqual([]);
    const big = { ...shippedWorkflows()[0], description: { nl: 'x'.repeat(definitionLimits.bytes) } };
    expect(definitionLimitProblems(big)).toEqual([
      expect.objectContaining({
        path: 'definition',
        message: expect.objectContaining({ nl: expect.stringMatching(/^De workflow is 1\.\d MB; meer dan 1 MB/) }),
      }),
    ]);
  });

  it('refuses a package with a NUL or 1e309 in its definition, with the path, before its checksum', () => {
    const pkg = makePackage(shippedWorkflows()[0], provenance);
    const text = JSON.stringify(pkg);
    const nul = readPackage(text.replace('"title":{"nl":"', '"title":{"nl":"\\u0000'));
    expect(nul.ok).toBe(false);
    expect(!nul.ok && nul.problems).toEqual([expect.objectContaining({ path: 'definition.title.nl' })]);
    const infinite = readPackage(text.replace('"version":1', '"version":1e309'));
    expect(!infinite.ok && infinite.problems).toEqual([expect.objectContaining({ path: 'provenance.version' })]);
  });

  it('refuses SCXML with a character XML does not have, written or referred to, by its line', () => {
    const xml = toScxml(shippedWorkflows()[0]);
    const line = xml.slice(0, xml.indexOf('<state id=')).split('\n').length;
    for (const bad of ['&#x110000;', '&#0;', '&#xD800;', '&#99999999999;', '\u0000', '\uDC00', '\u0008']) {
      const read = fromScxml(xml.replace('<state id=', `<state wlb:x="${bad}" id=`));
      expect(read.ok, bad).toBe(false);
      expect(!read.ok && read.problems[0].message.nl, bad).toMatch(new RegExp(`^Regel ${line}: `));
    }
    expect(fromScxml(xml.replace('<state id=', '<state wlb:x="&#x10FFFF; &#xE9; &#9;" id=')).ok).toBe(true);
  });
});
