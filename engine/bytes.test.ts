import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex, utf8, utf8Length } from './bytes';

describe('bytes without a platform', () => {
  it('hashes as node:crypto does, across block boundaries and every plane of Unicode', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'é€😀', 'x'.repeat(1000)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
    );
  });

  it('encodes and counts UTF-8 as Buffer does, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const expected = Buffer.from(text, 'utf8');
        expect(utf8Length(text)).toBe(expected.length);
        expect(Buffer.from(utf8(text)).equals(expected)).toBe(true);
      }),
    );
  });
});
