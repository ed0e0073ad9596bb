import { Composer, Lexer, Parser, parseAllDocuments, type Document } from 'yaml';
import { KUBERNETES_YAML } from '../parse/parse-yaml.js';
import { commentsOfTokens, type Comment } from './text.js';

/** Fixers read a file exactly as the linter did, or a path could name another node. */
export { KUBERNETES_YAML, MAX_ALIAS_COUNT } from '../parse/parse-yaml.js';

/** Every document of a file, parsed as the linter parses it. */
export function parseDocuments(text: string): Document.Parsed[] {
  const parsed = parseAllDocuments(text, KUBERNETES_YAML);
  return Array.isArray(parsed) ? parsed : [];
}

/**
 * parseDocuments and collectComments with one pass of yaml's lexer: parseAllDocuments lexes the text too, and a fix
 * reads each document part, and each edit of it, with both. (yaml's parser takes a lexer's tokens one by one.)
 */
export function parseDocumentsAndComments(text: string): { docs: Document.Parsed[]; comments: Comment[] | null } {
  const tokens = [...new Lexer().lex(text)];
  const parser = new Parser();
  function* cst() {
    for (const token of tokens) yield* parser.next(token);
    yield* parser.end();
  }
  const docs = Array.from(new Composer(KUBERNETES_YAML).compose(cst())) as Document.Parsed[];
  return { docs, comments: commentsOfTokens(text, tokens) };
}
