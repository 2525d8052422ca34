// Shared CLI plumbing: the flags (parsed once, with node:util's parseArgs),
// JSON input parsing with errors that name the field, and one writer for
// CSV and for large JSON, both as chunks so output of any size streams.
import { parseArgs } from 'node:util';
import { SimError } from '../sim/errors.ts';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Format = 'json' | 'csv';

/** What a command prints: one string, or chunks written in order (for output larger than a string can hold). */
export type Output = string | Iterable<string>;

export interface CliOptions {
  /** `--input FILE` (`-` = stdin); stdin when absent. */
  input?: string;
  format: Format;
  /** `simulate --schema`: print the scenario file schema. */
  schema: boolean;
  /** `score --jsonl`: one request per input line, one answer per output line. */
  jsonl: boolean;
  help: boolean;
}

const OPTIONS = {
  input: { type: 'string', short: 'i' },
  format: { type: 'string' },
  schema: { type: 'boolean' },
  jsonl: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flag = keyof typeof OPTIONS;

/** The flags each command takes (`--help` goes everywhere). */
export const COMMAND_FLAGS: Record<string, readonly Flag[]> = {
  place: ['input', 'format'],
  score: ['input', 'format', 'jsonl'],
  simulate: ['input', 'format', 'schema'],
  presets: ['format'],
};

function usageError(message: string): never {
  throw SimError.outOfRange('arguments', message);
}

/**
 * Parses `virtlab <command> [flags]` once. Unknown flags, a flag the command
 * does not take, extra words and a bad `--format` are errors naming the flag.
 * An unknown command is left to the caller (it prints the help).
 */
export function parseCliArgs(argv: string[]): { command?: string; options: CliOptions } {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>
  >;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // parseArgs says e.g. "Unknown option '--fromat'" or "Option '--input <value>' argument missing".
    usageError(err instanceof Error ? err.message.split('. ')[0] : String(err));
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  const options: CliOptions = {
    input: values.input,
    format: 'json',
    schema: values.schema ?? false,
    jsonl: values.jsonl ?? false,
    help: values.help ?? false,
  };
  if (options.help) return { command, options };
  if (command !== undefined && Object.hasOwn(COMMAND_FLAGS, command)) {
    if (extra.length)
      usageError(
        `unexpected argument ${JSON.stringify(extra[0])} (flags start with --; the input comes from --input FILE or stdin)`,
      );
    const allowed = COMMAND_FLAGS[command];
    for (const flag of Object.keys(values) as Flag[]) {
      if (!allowed.includes(flag) && flag !== 'help')
        usageError(
          `--${flag} is not a flag of ${command} (its flags: ${allowed.map((f) => `--${f}`).join(', ')}, --help)`,
        );
    }
  }
  if (values.format !== undefined) {
    if (values.format !== 'json' && values.format !== 'csv')
      throw SimError.outOfRange('format', `--format must be json or csv, got ${JSON.stringify(values.format)}`);
    options.format = values.format;
  }
  return { command, options };
}

export function parseJson(text: string, what: string, field = what): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw SimError.outOfRange(
      field,
      `the ${what} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Output as one string (tests, small results). */
export function joinOutput(out: Output): string {
  return typeof out === 'string' ? out : Array.from(out).join('');
}

/** Chunks of about this many characters: far below V8's string limit, large enough to write fast. */
export const CHUNK_CHARS = 1 << 16;

/** Joins pieces into chunks of about CHUNK_CHARS. */
export function* chunked(pieces: Iterable<string>): Generator<string> {
  let buf: string[] = [];
  let size = 0;
  for (const p of pieces) {
    buf.push(p);
    size += p.length;
    if (size >= CHUNK_CHARS) {
      yield buf.join('');
      buf = [];
      size = 0;
    }
  }
  if (size) yield buf.join('');
}

function cell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  // A bare CR ends a row in spreadsheets too, so it is quoted like LF.
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The one CSV writer: a header line, then one line per row (RFC 4180 quoting), in chunks. */
export function* csvChunks(header: readonly string[], rows: Iterable<readonly unknown[]>): Generator<string> {
  function* lines() {
    yield `${header.map(cell).join(',')}\n`;
    for (const r of rows) yield `${r.map(cell).join(',')}\n`;
  }
  yield* chunked(lines());
}

export function csv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  return joinOutput(csvChunks(header, rows));
}

/** The value of `JSON.stringify(items, null, 2)` placed at nesting `depth`, as pieces, one per item. */
export function* jsonArrayPieces(length: number, item: (i: number) => unknown, depth: number): Generator<string> {
  if (length === 0) {
    yield '[]';
    return;
  }
  const pad = '  '.repeat(depth + 1);
  yield '[\n';
  for (let i = 0; i < length; i++) {
    const text = JSON.stringify(item(i), null, 2) ?? 'null';
    yield pad + text.replace(/\n/g, `\n${pad}`) + (i + 1 < length ? ',\n' : '\n');
  }
  yield `${'  '.repeat(depth)}]`;
}

/**
 * `JSON.stringify(object, null, 2) + '\n'` as chunks, where some values are
 * large arrays given lazily (`{ length, item }`): the text is the same, but
 * no single string holds all of it.
 */
export function* jsonObjectChunks(all: [string, unknown][]): Generator<string> {
  // As JSON.stringify: a field whose value is undefined is left out.
  const fields = all.filter(([, v]) => v !== undefined);
  function* pieces() {
    yield '{\n';
    for (let f = 0; f < fields.length; f++) {
      const [key, value] = fields[f];
      yield `  ${JSON.stringify(key)}: `;
      if (value instanceof LazyArray) yield* jsonArrayPieces(value.length, value.item, 1);
      else yield JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
      yield f + 1 < fields.length ? ',\n' : '\n';
    }
    yield '}\n';
  }
  yield* chunked(pieces());
}

/** An array written item by item (see jsonObjectChunks). */
export class LazyArray {
  readonly length: number;
  readonly item: (i: number) => unknown;
  constructor(length: number, item: (i: number) => unknown) {
    this.length = length;
    this.item = item;
  }
}
