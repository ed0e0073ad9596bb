import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UndecodableError, decodeText } from '../../src/engine/read-files.js';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

describe('decodeText', () => {
  it('reads UTF-8 as TextDecoder does, a byte order mark kept, or refuses it', () => {
    const text = fc.string({ unit: 'binary' }).map((value) => Buffer.from(value, 'utf8'));
    const bytes = fc.uint8Array({ maxLength: 64 }).map((array) => Buffer.from(array));
    const withBom = fc.oneof(text, bytes).map((body) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]));
    fc.assert(
      fc.property(fc.oneof(text, bytes, withBom), (input) => {
        fc.pre(!(input[0] === 0xff && input[1] === 0xfe) && !(input[0] === 0xfe && input[1] === 0xff));
        try {
          expect(decodeText(input)).toEqual({ text: decoder.decode(input), encoding: 'utf8' });
        } catch (error) {
          expect(error).toBeInstanceOf(UndecodableError);
          expect(decoder.decode(input)).toContain('\uFFFD');
        }
      }),
    );
  });
});
