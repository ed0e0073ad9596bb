/**
 * Just enough POSIX shell reading for rules that look at container commands: which program an argv runs,
 * where a `sh -c` script is, and the simple commands of that script. It never throws and never executes anything;
 * a script it cannot read (unterminated quote or substitution) comes back as `ok: false`.
 */

/** Shells whose `-c` argument is a script. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/**
 * Programs that exec the rest of their argv as a command, after their own options (and, for env, NAME=value):
 * each maps to the options that take a separate value.
 */
const PASS_THROUGH = new Map<string, RegExp>([
  ['env', /^-[uCS]$/],
  ['nohup', /^$/],
  ['nice', /^-n$/],
  ['stdbuf', /^-[ioe]$/],
  ['setsid', /^$/],
  ['chpst', /^-[uUbenlLmdofcpr]$/],
]);
/** Programs that take a user, then exec the command: `gosu postgres postgres -D /data`. */
const SWITCH_USER = new Set(['su-exec', 'gosu']);

/** The last path segment of a program: `/usr/bin/env` is `env`. */
export function programName(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash === -1 ? word : word.slice(slash + 1);
}

/** Where a shell script sits in an argv: `["/bin/sh", "-ec", "script"]` gives the shell and index 2. */
export interface ShellInvocation {
  /** Program name of the shell, e.g. `bash`. */
  shell: string;
  /** Index in the argv of the program that is the shell. */
  shellIndex: number;
  /** Index in the argv of the script string, or undefined when the shell has `-c` but no script after it. */
  scriptIndex: number | undefined;
  script: string | undefined;
}

/**
 * Finds a `SHELL [options] -c SCRIPT` invocation at the start of `argv`, looking through `env` and similar
 * pass-through programs. Returns undefined when the argv does not start with a shell or the shell has no `-c`
 * (it then runs a script file, which cannot be read here).
 */
export function shellInvocation(argv: readonly unknown[]): ShellInvocation | undefined {
  let index = skipPassThrough(argv, 0);
  const first = argv[index];
  if (typeof first !== 'string') return undefined;
  let shell = programName(first);
  // `busybox sh -c ...`
  if (shell === 'busybox') {
    const applet = argv[index + 1];
    if (typeof applet !== 'string' || !SHELLS.has(programName(applet))) return undefined;
    index += 1;
    shell = programName(applet);
  }
  if (!SHELLS.has(shell)) return undefined;
  const shellIndex = index;
  let hasC = false;
  let i = shellIndex + 1;
  for (; i < argv.length; i++) {
    const word = argv[i];
    if (typeof word !== 'string') return undefined;
    if (word === '--' || word === '-') {
      i += 1;
      break;
    }
    if (/^--[a-z]/.test(word)) {
      // --login, --norc, --noprofile, --posix, --rcfile FILE, --init-file FILE
      if (word === '--rcfile' || word === '--init-file') i += 1;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(word)) {
      const letters = word.slice(1);
      if (letters.includes('c') && word.startsWith('-')) hasC = true;
      // -o OPTION and -O OPTION take an argument.
      if (/[oO]/.test(letters)) i += 1;
      continue;
    }
    break;
  }
  if (!hasC) return undefined;
  const script = argv[i];
  return { shell, shellIndex, scriptIndex: typeof script === 'string' ? i : undefined, script: typeof script === 'string' ? script : undefined };
}

/** Index of the first argv element after `env`, `nohup`, `gosu` and the like, with their own arguments. */
export function skipPassThrough(argv: readonly unknown[], start: number): number {
  let index = start;
  for (let hops = 0; hops < 10; hops++) {
    const word = argv[index];
    if (typeof word !== 'string') return index;
    const name = programName(word);
    if (SWITCH_USER.has(name)) {
      index += 2;
      continue;
    }
    const takesValue = PASS_THROUGH.get(name);
    if (!takesValue) return index;
    index += 1;
    while (index < argv.length) {
      const next = argv[index];
      if (typeof next !== 'string') return index;
      if (next === '--') {
        index += 1;
        break;
      }
      const assignment = name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(next);
      if (!next.startsWith('-') && !assignment) break;
      index += takesValue.test(next) ? 2 : 1;
    }
  }
  return index;
}

/** One simple command of a script, words unquoted, redirections removed. */
export interface SimpleCommand {
  /** Words after leading assignments (`A=b cmd`) and reserved words (`then`, `do`, `!`). */
  words: string[];
  /** The program as written: first of `words`, or '' for a bare assignment or keyword. */
  name: string;
  /** Nesting depth inside compound commands (`if`, loops, `case`, `{ }`, `( )`). */
  depth: number;
  /** Index of the top-level list the command belongs to: it grows at each top-level `;`, `&` or newline. */
  list: number;
  /** Ends with `&`: runs in the background. */
  background: boolean;
  /** Has a redirection (`>`, `2>&1`, `<<EOF`...). */
  redirected: boolean;
}

export interface ParsedScript {
  /** False when the text could not be read (unterminated quote or substitution). */
  ok: boolean;
  commands: SimpleCommand[];
  /** Uses a compound command (`if`, `while`, `until`, `for`, `case`, `select`, `{ }`, `( )`). */
  compound: boolean;
  /** Has more than one simple command, or one in the background. */
  multiple: boolean;
}

const OPENERS = new Set(['if', 'while', 'until', 'for', 'select', 'case', '{']);
const CLOSERS = new Set(['fi', 'done', 'esac', '}']);
/** Reserved words that lead into the next command word without being one. */
const LEADING_RESERVED = new Set(['then', 'do', 'else', 'elif', '!', 'time']);

type Token = { type: 'word'; value: string } | { type: 'op'; value: string } | { type: 'redir' };

/** Splits a shell script into simple commands. Good enough for lint heuristics; not a full shell grammar. */
export function parseScript(text: string): ParsedScript {
  const tokens = tokenize(text);
  if (!tokens) return { ok: false, commands: [], compound: false, multiple: false };
  const commands: SimpleCommand[] = [];
  const stack: string[] = [];
  let compound = false;
  let list = 0;
  let current: SimpleCommand | undefined;
  let expectTarget = false;
  // Words of a `for NAME in ...` / `case WORD in` header are not commands.
  let header = false;
  // Between `case WORD in` (or `;;`) and `)`: words are patterns, not commands.
  let pattern = false;

  const finish = (background: boolean) => {
    if (current) {
      current.background = background;
      if (current.words.length > 0 || current.redirected) commands.push(current);
    }
    current = undefined;
    header = false;
  };
  const start = (): SimpleCommand => {
    current ??= { words: [], name: '', depth: stack.length, list, background: false, redirected: false };
    return current;
  };

  for (const token of tokens) {
    if (pattern) {
      if (token.type === 'op' && token.value === ')') pattern = false;
      else if (token.type === 'word' && token.value === 'esac') {
        stack.pop();
        pattern = false;
      }
      continue;
    }
    if (token.type === 'redir') {
      start().redirected = true;
      expectTarget = true;
      continue;
    }
    if (token.type === 'word') {
      if (expectTarget) {
        expectTarget = false;
        continue;
      }
      if (header) {
        if (token.value === 'in' && stack[stack.length - 1] === 'case') {
          current = undefined;
          header = false;
          pattern = true;
        }
        continue;
      }
      const command = start();
      if (command.words.length === 0) {
        const word = token.value;
        if (OPENERS.has(word)) {
          compound = true;
          stack.push(word);
          command.depth = stack.length;
          if (word === 'for' || word === 'select' || word === 'case') header = true;
          continue;
        }
        if (CLOSERS.has(word)) {
          stack.pop();
          command.depth = stack.length;
          continue;
        }
        if (LEADING_RESERVED.has(word)) continue;
        if (/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(word)) continue; // NAME=value before the command
        command.name = word;
      }
      command.words.push(token.value);
      continue;
    }
    // Operators.
    expectTarget = false;
    const op = token.value;
    finish(op === '&');
    if (op === '(') {
      compound = true;
      stack.push('(');
    } else if (op === ')') {
      if (stack[stack.length - 1] === '(') stack.pop();
    } else if (op === ';;' && stack[stack.length - 1] === 'case') {
      pattern = true;
    } else if (stack.length === 0 && (op === ';' || op === '&' || op === '\n')) {
      list += 1;
    }
  }
  finish(false);
  const multiple = commands.length > 1 || commands.some((command) => command.background);
  return { ok: true, commands, compound, multiple };
}

/**
 * Reads words and operators. Quotes are removed, substitutions (`$(...)`, backquotes, `${...}`) are kept as text,
 * comments and here-document bodies are dropped. Returns undefined on unterminated quotes or substitutions.
 */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pendingHeredocs: { delimiter: string; strip: boolean }[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const n = text.length;
  const flush = () => {
    if (inWord) tokens.push({ type: 'word', value: word });
    word = '';
    inWord = false;
  };

  while (i < n) {
    const c = text[i]!;
    if (c === '\\') {
      if (text[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (i + 1 < n) word += text[i + 1]!;
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return undefined;
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i += 1;
      let closed = false;
      while (i < n) {
        const d = text[i]!;
        if (d === '"') {
          closed = true;
          i += 1;
          break;
        }
        if (d === '\\' && i + 1 < n) {
          const e = text[i + 1]!;
          if (e === '\n') i += 2;
          else {
            word += '$`"\\'.includes(e) ? e : d + e;
            i += 2;
          }
          continue;
        }
        if (d === '$' || d === '`') {
          const end = skipSubstitution(text, i);
          if (end === undefined) return undefined;
          word += text.slice(i, end);
          i = end;
          continue;
        }
        word += d;
        i += 1;
      }
      if (!closed) return undefined;
      inWord = true;
      continue;
    }
    if (c === '$' || c === '`') {
      const end = skipSubstitution(text, i);
      if (end === undefined) return undefined;
      word += text.slice(i, end);
      inWord = true;
      i = end;
      continue;
    }
    if (c === '#' && !inWord) {
      while (i < n && text[i] !== '\n') i += 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      flush();
      i += 1;
      continue;
    }
    if (c === '\n') {
      flush();
      tokens.push({ type: 'op', value: '\n' });
      i += 1;
      // Skip here-document bodies that start after this newline.
      while (pendingHeredocs.length > 0) {
        const { delimiter, strip } = pendingHeredocs.shift()!;
        for (;;) {
          if (i >= n) break;
          const lineEnd = text.indexOf('\n', i);
          const line = text.slice(i, lineEnd === -1 ? n : lineEnd);
          i = lineEnd === -1 ? n : lineEnd + 1;
          if ((strip ? line.replace(/^\t+/, '') : line).replace(/\r$/, '') === delimiter) break;
        }
      }
      continue;
    }
    if (c === '<' || c === '>') {
      // A file-descriptor number right before the operator belongs to it: `2>&1`.
      if (inWord && /^\d+$/.test(word)) {
        word = '';
        inWord = false;
      }
      flush();
      const rest = text.slice(i, i + 3);
      const heredoc = /^<<-?/.exec(rest);
      if (heredoc && !rest.startsWith('<<<')) {
        i += heredoc[0].length;
        while (text[i] === ' ' || text[i] === '\t') i += 1;
        const delimiter = /^(['"]?)([^\s;&|<>()'"]+)\1/.exec(text.slice(i));
        if (delimiter) {
          pendingHeredocs.push({ delimiter: delimiter[2]!, strip: heredoc[0] === '<<-' });
          i += delimiter[0].length;
        }
        tokens.push({ type: 'redir' });
        tokens.push({ type: 'word', value: delimiter?.[2] ?? '' });
        continue;
      }
      const op = /^(<<<|<>|<&|>>|>&|>\||<|>)/.exec(rest)![0];
      i += op.length;
      tokens.push({ type: 'redir' });
      continue;
    }
    if (c === '&' && text[i + 1] === '>') {
      // bash `&>file` and `&>>file`
      flush();
      i += text[i + 2] === '>' ? 3 : 2;
      tokens.push({ type: 'redir' });
      continue;
    }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      flush();
      const two = text.slice(i, i + 2);
      const op = two === '&&' || two === '||' || two === ';;' || two === '|&' ? two : c;
      tokens.push({ type: 'op', value: op });
      i += op.length;
      continue;
    }
    word += c;
    inWord = true;
    i += 1;
  }
  flush();
  return tokens;
}

/** End index of a `$...`, `$(...)`, `$((...))`, `${...}` or backquoted substitution starting at `start`. */
function skipSubstitution(text: string, start: number): number | undefined {
  const c = text[start];
  if (c === '`') {
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '\\') i += 1;
      else if (text[i] === '`') return i + 1;
    }
    return undefined;
  }
  const next = text[start + 1];
  if (next !== '(' && next !== '{') return start + 1;
  const close = next === '(' ? ')' : '}';
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    const d = text[i]!;
    if (d === '\\') {
      i += 1;
    } else if (d === "'" && next === '(') {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return undefined;
      i = end;
    } else if (d === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return undefined;
      i = j;
    } else if (d === next) {
      depth += 1;
    } else if (d === close) {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}

/**
 * Seconds a `sleep` with these arguments waits: GNU and BusyBox sleep add their arguments and accept the
 * suffixes s, m, h and d. `infinity` is Infinity. Undefined when an argument is not a literal duration.
 */
export function sleepSeconds(args: readonly unknown[]): number | undefined {
  if (args.length === 0) return undefined;
  let total = 0;
  for (const arg of args) {
    if (typeof arg === 'number' && Number.isFinite(arg) && arg >= 0) {
      total += arg;
      continue;
    }
    if (typeof arg !== 'string') return undefined;
    if (/^(inf|infinity)$/i.test(arg)) return Infinity;
    const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!match) return undefined;
    const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
    total += Number(match[1]) * unit;
  }
  return total;
}
