// `virtlab <command> [--input FILE] [--format json|csv]`: the command-line
// face of the simulation core, for teachers and tests. Reads JSON from
// --input or stdin, prints JSON (CSV where tabular). Exit codes: 0 ok,
// 2 bad input (the message names the field), 1 anything else.
import { existsSync, readFileSync } from 'node:fs';
import { SimError } from '../sim/errors.ts';

const HELP = `virtlab — VirtLab's simulation core on the command line

Usage: virtlab <command> [--input FILE] [--format json|csv] [--help]

Commands:
  place      pack workloads onto hosts (first-fit, next-fit, best-fit,
             worst-fit, first-fit-decreasing, best-fit-decreasing) with
             VM / container / microVM footprints; --format csv: per-host table
  score      kube-scheduler node scores for one pod:
             {"strategy", "resources", "shape", "nodes", "pod"} -> {"scores": {...}}
  simulate   run a scenario (traffic spike, live migration, patch day)
  presets    profiles with the source of every value (no input needed)

Input is read from --input FILE, or from stdin. Schemas: src/cli/README.md.
Exit codes: 0 ok, 2 invalid input (the message names the field), 1 other errors.
`;

type Runner = (args: string[], input: string) => Promise<string>;

async function loadCommand(name: string): Promise<Runner | undefined> {
  switch (name) {
    case 'place':
      return (await import('./place.ts')).run;
    case 'score':
      return (await import('./score.ts')).run;
    case 'presets':
      return (await import('./presets.ts')).run;
    case 'simulate': {
      // Provided by the scenario engine's module when present.
      if (!existsSync(new URL('./simulate.ts', import.meta.url))) return undefined;
      return ((await import('./simulate.ts')) as { run: Runner }).run;
    }
    default:
      return undefined;
  }
}

function readInput(args: string[]): { input: string; rest: string[] } {
  const rest: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--input' || args[i] === '-i') {
      file = args[++i];
      if (!file) throw new SimError(1, 'input', '--input needs a file name');
    } else if (args[i].startsWith('--input=')) file = args[i].slice(8);
    else rest.push(args[i]);
  }
  if (file !== undefined) {
    try {
      return { input: readFileSync(file === '-' ? 0 : file, 'utf8'), rest };
    } catch (err) {
      throw new SimError(1, 'input', `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { input: readFileSync(0, 'utf8'), rest };
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(HELP);
    return cmd ? 0 : 2;
  }
  const runner = await loadCommand(cmd);
  if (!runner) {
    process.stderr.write(`virtlab: unknown command ${JSON.stringify(cmd)}\n\n${HELP}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  try {
    const needsInput = cmd !== 'presets' && !args.includes('--schema');
    const { input, rest } = needsInput ? readInput(args) : { input: '', rest: args };
    process.stdout.write(await runner(rest, input));
    return 0;
  } catch (err) {
    if (err instanceof SimError) {
      process.stderr.write(`virtlab ${cmd}: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`virtlab ${cmd}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

// Run directly (`node src/cli/main.ts ...`) as well as through bin/virtlab.mjs.
if (process.argv[1] && import.meta.url === new URL(process.argv[1], 'file://').href) {
  process.exitCode = await main(process.argv.slice(2));
}
