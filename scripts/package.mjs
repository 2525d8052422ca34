#!/usr/bin/env node
// `npm run package`: builds the site and zips it with a zero-dependency
// server and instructions, for offline hosting.
//   node scripts/package.mjs [--no-build [--dir FOLDER]] [--out FILE]
// --no-build zips an existing build: --dir, else $VIRTLAB_DIST, else dist/.
// The base path is the build's (VIRTLAB_BASE, default /).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteDir } from './test-site.mjs';
import { writeZip } from './zip.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const out = resolve(outArg >= 0 ? args[outArg + 1] : join(root, 'release', 'virtlab-offline.zip'));
const base = process.env.VIRTLAB_BASE || '/';

if (!args.includes('--no-build')) {
  const r = spawnSync('npx', ['astro', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const dirArg = args.indexOf('--dir');
const dist = args.includes('--no-build') ? siteDir(dirArg >= 0 ? args[dirArg + 1] : undefined) : join(root, 'dist');
const files = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const full = join(d, e.name);
    if (e.isDirectory()) walk(full);
    else files.push(full);
  }
};
walk(dist);

const entries = files.map((f) => ({
  name: `virtlab/site/${relative(dist, f).split(sep).join('/')}`,
  data: readFileSync(f),
}));
entries.push({ name: 'virtlab/serve.mjs', data: readFileSync(join(root, 'scripts', 'serve.mjs')) });
entries.push({
  name: 'virtlab/README.txt',
  data: Buffer.from(readFileSync(join(root, 'scripts', 'offline-readme.txt'), 'utf8').replace('__BASE__', base)),
});
mkdirSync(dirname(out), { recursive: true });
const zip = writeZip(entries);
writeFileSync(out, zip);
console.log(
  `package: wrote ${relative(process.cwd(), out)} (${(zip.length / 1024).toFixed(0)} KiB, ${entries.length} files, base ${base})`,
);
