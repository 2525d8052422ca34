// Reads the guest's serial output for the labs: turns terminal bytes into
// plain text, finds the shell's prompt, and decides whether a guided step
// worked. Pure functions, no DOM, no emulator (unit-tested in test/labs/).
//
// Checks match the command's *output*, never its echo: BusyBox ash echoes
// what is typed, wraps that echo at 80 columns and sends a cursor-position
// query (ESC [ 6 n) after every prompt, so a pattern is anchored to whole
// output lines that the echoed command cannot produce.

/** Removes terminal control sequences and carriage returns, keeping the text a reader sees. */
export function stripAnsi(raw: string): string {
  return (
    raw
      // CSI: ESC [ params intermediates final
      .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '')
      // OSC: ESC ] ... BEL or ESC \
      .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '')
      // Other two-character escapes (ESC 7, ESC =, ...)
      .replace(/\x1b[@-Z\\-_0-9=>]/g, '')
      // Line endings: CR LF and bare CR (ash redraws with CR) become one LF
      .replace(/\r+\n/g, '\n')
      .replace(/\r/g, '')
      // Backspaces that erase (ash's line editing) and other controls but tab and LF
      .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
  );
}

/** A shell prompt at the end of the output: `lab# `, or another `name# ` (a container's shell). */
export const PROMPT_AT_END = /(?:^|\n)[A-Za-z0-9_.-]*# $/;

export function endsWithPrompt(text: string): boolean {
  return PROMPT_AT_END.test(text);
}

/** The shell waits for a command: the session's last line is a bare prompt (nothing typed after it). */
export function shellIsIdle(log: OutputLog): boolean {
  const text = log.all;
  return /^[A-Za-z0-9_.-]*# $/.test(text.slice(text.lastIndexOf('\n') + 1));
}

export interface StepCheck {
  /** A regular expression (multiline: ^ and $ match at line ends) that the step's output must contain. */
  pass: string;
  /** A pattern that must not appear in the step's output (e.g. a veth inside a fresh network namespace). */
  absent?: string;
  /** Shown when the prompt came back without the expected output. */
  hint: string;
}

export type StepStatus = 'idle' | 'running' | 'pass' | 'fail';

export interface CheckResult {
  status: StepStatus;
  /** The matched output line(s), for the reader ("found: PID=1"). */
  found?: string;
}

function compile(source: string): RegExp {
  return new RegExp(source, 'm');
}

/** Throws naming the step if a check's pattern is not a valid regular expression (run by the unit tests over every lab). */
export function validateCheck(check: StepCheck, where: string): void {
  for (const key of ['pass', 'absent'] as const) {
    const src = check[key];
    if (src === undefined) continue;
    try {
      compile(src);
    } catch (e) {
      throw new Error(`${where}: check.${key} is not a valid regular expression: ${(e as Error).message}`);
    }
  }
  if (!check.hint.trim()) throw new Error(`${where}: check.hint is empty`);
}

/**
 * The state of a step from the plain-text output since it was run.
 * Passes as soon as the expected output is there (and nothing it must not
 * contain); fails once the prompt is back without it; else is still running.
 */
export function evaluate(check: StepCheck, output: string): CheckResult {
  const text = output.replace(/\r/g, '');
  const m = compile(check.pass).exec(text);
  const bad = check.absent !== undefined && compile(check.absent).test(text);
  const done = endsWithPrompt(text);
  if (m && !bad && (done || check.absent === undefined)) return { status: 'pass', found: m[0].trim() };
  if (done) return { status: 'fail' };
  return { status: 'running' };
}

/**
 * Accumulates the guest's raw output into plain text, remembering offsets so
 * a step reads only what came after it was run. Bounded: old text is dropped
 * (offsets stay valid, counted from the start of the session).
 */
export class OutputLog {
  private text = '';
  private dropped = 0;
  /** Bytes of an escape sequence split across chunks, kept until complete. */
  private pending = '';

  private readonly maxChars: number;

  constructor(maxChars = 200_000) {
    this.maxChars = maxChars;
  }

  /** Appends raw terminal output; returns the plain text it added. */
  push(chunk: string): string {
    let data = this.pending + chunk;
    this.pending = '';
    // Hold back an unfinished escape sequence or a CR that may start a CR LF.
    const tail = /(\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*)?|\r)$/.exec(data);
    if (tail) {
      this.pending = tail[0];
      data = data.slice(0, data.length - tail[0].length);
    }
    const plain = stripAnsi(data);
    this.text += plain;
    if (this.text.length > this.maxChars) {
      const cut = this.text.length - this.maxChars / 2;
      this.text = this.text.slice(cut);
      this.dropped += cut;
    }
    return plain;
  }

  /** The position (in plain-text characters since the session began) of the end of the output so far. */
  get end(): number {
    return this.dropped + this.text.length;
  }

  /** Plain text from `offset` (a value of `end`) to now. */
  since(offset: number): string {
    return this.text.slice(Math.max(0, offset - this.dropped));
  }

  /** Everything kept, as plain text. */
  get all(): string {
    return this.text;
  }

  clear(): void {
    this.dropped += this.text.length;
    this.text = '';
    this.pending = '';
  }
}
