import { describe, expect, it } from 'vitest';
import { OutputLog, endsWithPrompt, evaluate, shellIsIdle, stripAnsi, validateCheck } from '../../src/labs/checker.ts';
import { LABS } from '../../src/labs/labs.ts';

describe('stripAnsi', () => {
  it("drops ash's cursor-position query, colours and carriage returns", () => {
    expect(stripAnsi('lab# \x1b[6n')).toBe('lab# ');
    expect(stripAnsi('\x1b[1;32mok\x1b[0m\r\n')).toBe('ok\n');
    expect(stripAnsi('\x1b]0;title\x07text')).toBe('text');
  });
  it('joins a command that ash wrapped at 80 columns into lines, not one line', () => {
    expect(stripAnsi('unshare --pid --fork --mount-proc sh -c \r\n\'echo "inside: PID=$$"\'\r\n')).toBe(
      'unshare --pid --fork --mount-proc sh -c \n\'echo "inside: PID=$$"\'\n',
    );
  });
});

describe('prompt', () => {
  it('finds the lab and container prompts at the end only', () => {
    expect(endsWithPrompt('x\nlab# ')).toBe(true);
    expect(endsWithPrompt('lab# ')).toBe(true);
    expect(endsWithPrompt('x\nc1# ')).toBe(true);
    expect(endsWithPrompt('lab# ls')).toBe(false);
    expect(endsWithPrompt('echo "# "')).toBe(false);
  });
});

describe('evaluate', () => {
  const pid = { pass: '^inside: PID=1$', hint: 'h' };
  it('does not mistake the echoed command for its output', () => {
    const echo = `unshare --pid --fork --mount-proc sh -c 'echo "inside: PID=$$"; ps'\n`;
    expect(evaluate(pid, echo).status).toBe('running');
    expect(evaluate(pid, `${echo}lab# `).status).toBe('fail');
  });
  it('passes on the output line and reports what it found', () => {
    expect(evaluate(pid, "sh -c 'echo PID=$$'\ninside: PID=1\nPID USER\nlab# ")).toEqual({
      status: 'pass',
      found: 'inside: PID=1',
    });
  });
  it('does not pass PID=12 for PID=1', () => {
    expect(evaluate(pid, 'inside: PID=12\nlab# ').status).toBe('fail');
  });
  it('waits for the prompt before passing a check with an absent pattern, then fails if it appeared', () => {
    const check = { pass: '^inside:\\nlo:$', absent: '^inside:\\n(?:[^\\n]*\\n)*?veth', hint: 'h' };
    expect(evaluate(check, 'inside:\nlo:\n').status).toBe('running');
    expect(evaluate(check, 'inside:\nlo:\nlab# ').status).toBe('pass');
    expect(evaluate(check, 'inside:\nlo:\nveth0@host0:\nlab# ').status).toBe('fail');
  });
});

describe('OutputLog', () => {
  it('keeps an escape sequence split across chunks out of the text', () => {
    const log = new OutputLog();
    log.push('lab# \x1b[');
    log.push('6n');
    expect(log.all).toBe('lab# ');
  });
  it('reads from an offset and stays bounded', () => {
    const log = new OutputLog(200);
    log.push('a'.repeat(80));
    const mark = log.end;
    log.push('b'.repeat(80));
    expect(log.since(mark)).toBe('b'.repeat(80));
    log.push('c'.repeat(100));
    expect(log.all.length).toBeLessThanOrEqual(200);
    expect(log.end).toBe(260);
    expect(log.since(log.end - 10)).toBe('c'.repeat(10));
  });
  it('turns CR LF split across chunks into one newline', () => {
    const log = new OutputLog();
    log.push('ok\r');
    log.push('\nlab# ');
    expect(log.all).toBe('ok\nlab# ');
  });
});

describe('lab definitions', () => {
  it('every check is a valid pattern with a hint, and ids are unique', () => {
    for (const lab of LABS) {
      const ids = new Set(lab.steps.map((s) => s.id));
      expect(ids.size, lab.id).toBe(lab.steps.length);
      for (const s of lab.steps) validateCheck(s.check, `${lab.id}/${s.id}`);
    }
  });
  it("each step's transcript passes its own check and its echoed command does not", () => {
    for (const lab of LABS) {
      for (const s of lab.steps) {
        const echo = `${s.command}\n`;
        expect(evaluate(s.check, `${echo}${s.expected}\nlab# `).status, `${lab.id}/${s.id} transcript`).toBe('pass');
        if (!s.check.pass.endsWith('# $'))
          expect(evaluate(s.check, `${echo}lab# `).status, `${lab.id}/${s.id} echo`).toBe('fail');
      }
    }
  });
  it('a bad pattern is reported with the step and the field', () => {
    expect(() => validateCheck({ pass: '(', hint: 'h' }, 'x/y')).toThrow(/x\/y: check\.pass/);
  });
});

describe('shellIsIdle', () => {
  const logOf = (...chunks: string[]) => {
    const log = new OutputLog();
    for (const c of chunks) log.push(c);
    return log;
  };
  it('is idle at a bare prompt, also with the cursor query ash sends after it', () => {
    expect(shellIsIdle(logOf('lab# '))).toBe(true);
    expect(shellIsIdle(logOf('output\r\nlab# \x1b[6n'))).toBe(true);
    expect(shellIsIdle(logOf('PID 1 on c1\r\nc1# '))).toBe(true);
  });
  it('is busy while a command runs or its output still comes', () => {
    expect(shellIsIdle(logOf('lab# ps\r\n'))).toBe(false);
    expect(shellIsIdle(logOf('lab# ps\r\nPID   USER'))).toBe(false);
    expect(shellIsIdle(logOf(''))).toBe(false);
  });
  it('is busy when something is typed after the prompt', () => {
    expect(shellIsIdle(logOf('lab# ls /tm'))).toBe(false);
  });
});
