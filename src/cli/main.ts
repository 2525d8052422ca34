// `virtlab <command> [--input FILE] [--format json|csv]`: the command-line
// face of the simulation core, for teachers and tests. Reads JSON from
// --input or stdin, prints JSON (CSV where tabular). Exit codes: 0 ok,
// 2 bad input (the message names the field), 1 anything else.
import { readFileSync } from 'node:fs';
import { SimError } from '../sim/errors.ts';
import { parseCliArgs, type CliOptions, type Output } from './io.ts';

const HELP = `virtlab — VirtLab's simulation core on the command line

Usage: virtlab <command> [--input FILE] [--format json|csv] [--help]

Commands:
  place      pack workloads onto hosts (first-fit, first-fit-wrap, next-fit,
             best-fit, worst-fit, first-fit-decreasing, best-fit-decreasing)
             with VM / container / microVM footprints; --format csv: per-host table
  score      kube-scheduler node scores for one pod, or for "pods" in turn
             ("bind": true binds each to its best node first):
             {"strategy", "resources", "shape", "kubeVersion", "nodes", "pod"}
             -> {"scores": {...}}; --jsonl: one request per line in, one
             answer per line out
  simulate   run a scenario (traffic spike, live migration, patch day,
             datacenter, cpu-throttle); --schema prints the scenario
             file's JSON Schema
  presets    profiles with the source of every value (no input needed)

Input is read from --input FILE, or from stdin. Schemas: src/cli/README.md.
Exit codes: 0 ok, 2 invalid input (the message names the field), 1 other errors.
`;

type Runner = (opts: CliOptions, input: string) => Promise<Output>;

async function loadCommand(name: string): Promise<Runner | undefined> {
  switch (name) {
    case 'place':
      return (await import('./place.ts')).run;
    case 'score':
      return (await import('./score.ts')).run;
    case 'presets':
      return (await import('./presets.ts')).run;
    case 'simulate':
      return (await import('./simulate.ts')).run;
    default:
      return undefined;
  }
}

function readInput(file: string | undefined): string {
  if (file === undefined || file === '-') return readFileSync(0, 'utf8');
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'ERR_STRING_TOO_LONG'
            ? 'it is larger than the 512 MiB a JSON document can be read as'
            : err instanceof Error
              ? err.message
              : String(err);
    throw SimError.outOfRange('input', `cannot read --input ${file}: ${why}`);
  }
}

/** Writes the output, chunk by chunk, waiting for the stream to drain so memory stays bounded. */
async function write(out: Output, stream: NodeJS.WritableStream): Promise<void> {
  let closed = false;
  // A reader that stops early (`virtlab place | head`) closes the pipe: stop writing, quietly.
  const onError = () => {
    closed = true;
    stream.emit('drain');
  };
  stream.on('error', onError);
  const chunks = typeof out === 'string' ? [out] : out;
  for (const chunk of chunks) {
    if (closed) return;
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve));
  }
}

export async function main(argv: string[]): Promise<number> {
  const label = argv[0] && !argv[0].startsWith('-') ? `virtlab ${argv[0]}` : 'virtlab';
  try {
    const { command, options } = parseCliArgs(argv);
    if (command === undefined || command === 'help') {
      process.stdout.write(HELP);
      return options.help || command === 'help' ? 0 : 2;
    }
    const runner = await loadCommand(command);
    if (!runner) {
      process.stderr.write(`virtlab: unknown command ${JSON.stringify(command)}\n\n${HELP}`);
      return 2;
    }
    if (options.help) {
      process.stdout.write(HELP);
      return 0;
    }
    const needsInput = command !== 'presets' && !options.schema;
    await write(await runner(options, needsInput ? readInput(options.input) : ''), process.stdout);
    return 0;
  } catch (err) {
    if (err instanceof SimError) {
      process.stderr.write(`${label}: ${err.message}\n`);
      return 2;
    }
    // Never a stack trace for what a user typed: the message, and how to get the trace when reporting a bug.
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    process.stderr.write(
      process.env.VIRTLAB_DEBUG
        ? `${label}: ${err instanceof Error ? (err.stack ?? message) : message}\n`
        : `${label}: ${message} (this is VirtLab's fault, not the input's: please report it; VIRTLAB_DEBUG=1 prints the stack trace)\n`,
    );
    return 1;
  }
}

// Run directly (`node src/cli/main.ts ...`) as well as through bin/virtlab.mjs.
if (process.argv[1] && import.meta.url === new URL(process.argv[1], 'file://').href) {
  process.exitCode = await main(process.argv.slice(2));
}
