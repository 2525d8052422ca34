// Newest commit date of every tracked file under content/, read from git once
// per build. Starlight's own last-updated lookup only covers src/content/docs.
import { execFileSync } from 'node:child_process';

let dates: Map<string, Date> | undefined;

function readDates(): Map<string, Date> {
  const map = new Map<string, Date>();
  let log = '';
  try {
    // Newest first: the first date seen for a path is its last change.
    log = execFileSync('git', ['log', '--format=@%cI', '--name-only', '--', 'content'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return map; // not a git checkout (e.g. an unpacked source archive): no dates
  }
  let current: Date | undefined;
  for (const line of log.split('\n')) {
    if (line.startsWith('@')) current = new Date(line.slice(1));
    else if (line && current && !map.has(line)) map.set(line, current);
  }
  return map;
}

/** The date of the last commit that touched `filePath` (relative to the repository root). */
export function lastCommitDate(filePath: string): Date | undefined {
  dates ??= readDates();
  return dates.get(filePath.replace(/^\.\//, ''));
}
