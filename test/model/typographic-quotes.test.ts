import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/model/shell.js';
import { holdsTypographicQuote, quoteFamily, scriptQuotePositions, typographicQuotes } from '../../src/model/typographic-quotes.js';

const TYPOGRAPHIC = ['“', '”', '„', '‟', '«', '»', '‘', '’', '‚', '‛', '‹', '›'];

describe('typographicQuotes', () => {
  it.each([
    // [text, kind, spans, fixed]
    ['“/usr/sbin/nginx”', 'argument', [[0, 17]], '/usr/sbin/nginx'],
    ['--uri=“http://x”', 'argument', [[6, 16]], '--uri=http://x'],
    ['a “b” c “d', 'argument', [[2, 5], [8, 9]], 'a b c d'],
    ['«x» ‹y›', 'argument', [[0, 3], [4, 7]], 'x y'],
    ['nginx -g “daemon off;”', 'script', [[9, 22]], 'nginx -g "daemon off;"'],
    ['echo ‘a b’', 'script', [[5, 10]], "echo 'a b'"],
    ['“echo hi”', 'script', [[0, 9]], 'echo hi'],
    ['“echo ‘hi’”', 'script', [[0, 11]], "echo 'hi'"],
    ['‘a’ && echo ‘b’', 'script', [[0, 3], [12, 15]], "'a' && echo 'b'"], // the ends quote words, not the script
    ["echo “it's”", 'script', [[5, 6]], undefined], // `"it's”` would not parse: no fix
    ['print(“ready”)', 'code', [[6, 13]], 'print("ready")'],
    ['“print(1)”', 'code', [[0, 10]], 'print(1)'],
  ] as const)('%j as %s', (text, kind, spans, fixed) => {
    expect(typographicQuotes(text, kind)).toEqual({ spans, quotes: expect.any(String), fixed });
  });

  it('leaves apostrophes inside words, straight quotes and plain text alone', () => {
    expect(typographicQuotes('It’s ready', 'argument')).toBeUndefined();
    expect(typographicQuotes('L’équipe', 'script')).toBeUndefined();
    expect(typographicQuotes('echo "a" \'b\'', 'script')).toBeUndefined();
    expect(typographicQuotes('', 'argument')).toBeUndefined();
    // A closing quote after a word is a quote when nothing follows it.
    expect(typographicQuotes('‘tis’', 'argument')?.fixed).toBe('tis');
  });
});

describe('scriptQuotePositions', () => {
  it('skips straight-quoted text, comments and here-documents', () => {
    expect(scriptQuotePositions('echo "“a”" \'‘b’\' $\'“\\\'”\'')).toEqual([]);
    expect(scriptQuotePositions('echo x # “c”\necho “d”')).toEqual([18, 20]);
    expect(scriptQuotePositions('echo a#“b”')).toEqual([7, 9]); // `#` inside a word is not a comment
    expect(scriptQuotePositions('cat <<EOF\n“a”\nEOF\necho “b”')).toEqual([23, 25]);
    expect(scriptQuotePositions('cat <<-\'END\'\n\t“a”\n\tEND\n“b”')).toEqual([23, 25]);
    expect(scriptQuotePositions('echo \\“a”')).toEqual([8]); // an escaped character is literal either way
    expect(scriptQuotePositions('echo “a” \'unterminated “b”')).toEqual([5, 7]);
  });
});

describe('properties', () => {
  const word = fc.stringMatching(/^[a-z0-9/._=-]{1,8}$/);
  const quote = fc.constantFrom(...TYPOGRAPHIC);

  it('an argument loses exactly its quote characters, and every quote lies in a reported span', () => {
    const text = fc.array(fc.oneof(word, quote, fc.constant(' ')), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
    const isApostrophe = (value: string, i: number) => value[i] === '’' && /\p{L}/u.test(value[i - 1] ?? '') && /\p{L}/u.test(value[i + 1] ?? '');
    fc.assert(
      fc.property(text, (value) => {
        const found = typographicQuotes(value, 'argument');
        const quoteIndexes = [...Array(value.length).keys()].filter((i) => quoteFamily(value[i]) && !isApostrophe(value, i));
        if (quoteIndexes.length === 0) {
          expect(found).toBeUndefined();
          return;
        }
        expect(found!.fixed).toBe([...value].filter((_, i) => !quoteIndexes.includes(i)).join(''));
        for (const i of quoteIndexes) expect(found!.spans.some(([start, end]) => i >= start && i < end)).toBe(true);
      }),
    );
  });

  it('a script of words in curly quotes becomes the same script in straight quotes, which parses', () => {
    const quoted = fc.tuple(fc.constantFrom(['“', '”'], ['„', '“'], ['‘', '’'], ['«', '»']), word).map(([[open, close], text]) => ({
      curly: `${open}${text}${close}`,
      straight: `${quoteFamily(open) === 'double' ? '"' : "'"}${text}${quoteFamily(close) === 'double' ? '"' : "'"}`,
    }));
    const plain = word.map((text) => ({ curly: text, straight: text }));
    fc.assert(
      fc.property(word, fc.array(fc.oneof(quoted, plain), { minLength: 1, maxLength: 6 }), (command, words) => {
        const script = [command, ...words.map((w) => w.curly)].join(' ');
        const expected = [command, ...words.map((w) => w.straight)].join(' ');
        const found = typographicQuotes(script, 'script');
        if (script === expected) {
          expect(found).toBeUndefined();
          return;
        }
        expect(found!.fixed).toBe(expected);
        expect(parseScript(found!.fixed!).ok).toBe(true);
      }),
    );
  });

  it('never reports a quote inside straight single quotes', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(quote, fc.constantFrom('a', ' ', '"')), maxLength: 10 }), word, (inside, after) => {
        const script = `echo '${inside}' ${after}`;
        expect(scriptQuotePositions(script)).toEqual([]);
      }),
    );
  });
});

describe('holdsTypographicQuote', () => {
  it('is true exactly for text with a quote of either family, so text without one has nothing to report', () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...TYPOGRAPHIC, '"', "'", ' ', 'a', '\\', '$'), fc.string({ maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom('argument', 'script', 'code' as const), (value, kind) => {
        expect(holdsTypographicQuote(value)).toBe([...value].some((char) => quoteFamily(char) !== undefined));
        if (!holdsTypographicQuote(value)) expect(typographicQuotes(value, kind)).toBeUndefined();
      }),
    );
  });
});
