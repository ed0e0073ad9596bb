import { describe, expect, it } from 'vitest';
import { documentEnds } from '../../src/fixers/document-ends.js';
import { breakLength } from '../../src/fixers/text.js';
import { parseDocuments } from '../../src/fixers/yaml-options.js';

/** Where `yaml` ends each document when it composes the whole text. */
function composedEnds(text: string): number[] {
  const docs = parseDocuments(text);
  return docs.map((doc, index) => (index === docs.length - 1 ? text.length : doc.range[2] + breakLength(text, doc.range[2])));
}

const TEXTS = {
  'one document': 'a: 1\nb: [x]\n',
  'two documents': 'a: 1\n---\nb: 2\n',
  'a marker first': '---\na: 1\n---\nb: 2',
  'comments before the first marker': '# head\n\n---\na: 1\n',
  'trailing comments and blank lines': 'a: 1\n# after a\n\n# before b\n---\n# in b\nb: 1\n',
  'a marker with content': 'a: 1\n--- # b\nb: 1\n--- |\n  text\n',
  'an empty last document': 'a: 1\n---\n',
  'empty documents': '---\n---\n---\na: 1\n',
  'CRLF': 'a: 1\r\n---\r\nb: 2\r\n',
  'a block scalar before a marker': 'a: |\n  x\n\n---\nb: 1\n',
  'not a marker': 'a: ---\nb: "x\n  ---y"\n----\n',
  'an end marker': 'a: 1\n...\n---\nb: 1\n',
  'an end marker alone': 'a: 1\n...\nb: 1\n',
  'directives': '%YAML 1.1\n---\na: 1\n...\n%YAML 1.1\n---\nb: 1\n',
  'a line break the scan does not know': 'a: 1\r---\rb: 2\r',
  'empty': '',
  'only comments': '# nothing\n\n# here\n',
};

describe('documentEnds', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`ends documents where yaml does: ${name}`, () => {
      expect(documentEnds(text)).toEqual(composedEnds(text));
    });
  }
});
