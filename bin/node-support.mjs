// Which way bin/virtlab.mjs runs the TypeScript CLI on a given Node (kept
// apart from the launcher so a test can check every version range).
export const REQUIRED = 'Node.js 18.19 or newer (22.18 or newer runs the TypeScript without a compiler)';

/**
 * 'direct': Node strips types by default (22.18+, 23.6+); 'flag': re-run with
 * --experimental-strip-types (22.6 to 22.17); 'hooks': erase types with the
 * TypeScript compiler in module hooks (18.19 to 22.5); 'unsupported': older.
 */
export function launchPlan(version, stripsTypes) {
  if (stripsTypes) return 'direct';
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  const atLeast = (a, b) => major > a || (major === a && minor >= b);
  if (atLeast(22, 6)) return 'flag';
  if (atLeast(18, 19)) return 'hooks';
  return 'unsupported';
}
