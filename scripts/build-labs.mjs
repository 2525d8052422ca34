#!/usr/bin/env node
// Builds the terminal labs' guest from pinned Debian packages and npm v86
// (labs/recipe.json): the kernel, a reproducible initramfs (BusyBox, overlay.ko,
// labs/init, a tiny container image), the BIOS, and a saved state taken at the
// guest's first prompt after booting it once in Node (zstd -19). Writes them to
// public/labs/ under content-hashed names, and labs/manifest.json (names,
// sizes, sha256, versions), which the lab pages import.
//
//   node scripts/build-labs.mjs              build everything (needs Debian's apt, dpkg-deb, cpio, gzip, zstd)
//   node scripts/build-labs.mjs --check      rebuild kernel, initramfs and BIOS into a temporary folder and
//                                            fail if a byte differs from public/labs/; boot the committed
//                                            state and run a command in it (what CI runs)
//   node scripts/build-labs.mjs --sources [DIR]
//                                            download the exact Debian source packages (kernel, BusyBox,
//                                            the glibc built into BusyBox, SeaBIOS) into DIR (default
//                                            labs-sources/), for a host to publish next to the site
//   node scripts/build-labs.mjs --sources --print-uris
//                                            download nothing; fail unless Debian still offers each of
//                                            those exact source packages (CI runs this)
//
// A fresh clone never needs this: the outputs are committed (see README, "Labs").
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  lutimesSync,
  linkSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = fileURLToPath(new URL('..', import.meta.url));
const recipe = JSON.parse(readFileSync(join(root, 'labs/recipe.json'), 'utf8'));
const outDir = join(root, 'public/labs');
const manifestPath = join(root, 'labs/manifest.json');
const cacheDir = join(root, 'node_modules/.cache/virtlab-labs');
const args = process.argv.slice(2);

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
const log = (msg) => console.log(`build-labs: ${msg}`);
function fail(msg) {
  console.error(`build-labs: ${msg}`);
  process.exit(1);
}
function need(tool, pkg) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
    fail(`needs \`${tool}\` (Debian: apt-get install ${pkg}); a fresh clone does not need build:labs at all`);
}
const run = (cmd, argv, opts = {}) => execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'inherit'], ...opts });

/** Downloads one pinned .deb into the cache (once) and checks its sha256 against the recipe. */
function debFile(pkg) {
  mkdirSync(cacheDir, { recursive: true });
  const spec = `${pkg.name}:${pkg.arch === 'all' ? 'all' : pkg.arch}`;
  const existing = readdirSync(cacheDir).find((f) => f.startsWith(`${pkg.name}_`) && f.endsWith('.deb'));
  let file = existing && join(cacheDir, existing);
  if (!file || sha256(readFileSync(file)) !== pkg.sha256) {
    if (pkg.arch === 'i386') {
      const archs = run('dpkg', ['--print-foreign-architectures']).toString();
      if (!/\bi386\b/.test(archs))
        fail('the kernel and BusyBox are i386 packages: run `dpkg --add-architecture i386 && apt-get update` first');
    }
    log(`apt-get download ${spec.replace(':all', '')}=${pkg.version}`);
    const r = spawnSync('apt-get', ['download', `${spec.replace(':all', '')}=${pkg.version}`], {
      cwd: cacheDir,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    const err = r.stderr.toString().replace(/^W: Download is performed unsandboxed.*\n?/gm, '');
    // apt needs the package in an index it could read; a mirror mid-sync (or an
    // i386 index that failed to download) loses it. The recipe also pins the
    // file's address in Debian's pool, and the sha256 below checks it either way.
    if (r.status !== 0 && pkg.pool) {
      log(`apt-get download failed; fetching ${pkg.pool}`);
      const got = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          'const [url, out] = process.argv.slice(1); const r = await fetch(url); if (!r.ok) { console.error("HTTP " + r.status + " for " + url); process.exit(1); } (await import("node:fs")).writeFileSync(out, Buffer.from(await r.arrayBuffer()));',
          pkg.pool,
          join(cacheDir, pkg.pool.split('/').pop()),
        ],
        { stdio: ['ignore', 'inherit', 'inherit'] },
      );
      if (got.status === 0) r.status = 0;
    }
    if (r.status !== 0)
      fail(
        `apt-get download ${pkg.name}=${pkg.version} failed (Debian removes old kernels from its archive; update labs/recipe.json to a version \`apt-cache policy ${spec}\` lists):\n${err}`,
      );
    file = join(
      cacheDir,
      readdirSync(cacheDir).find((f) => f.startsWith(`${pkg.name}_`) && f.endsWith('.deb')),
    );
  }
  const got = sha256(readFileSync(file));
  if (got !== pkg.sha256) fail(`${pkg.name} ${pkg.version}: sha256 ${got}, labs/recipe.json pins ${pkg.sha256}`);
  return file;
}

/** Every input file, extracted from the pinned packages into `work`. */
function extractInputs(work) {
  need('dpkg-deb', 'dpkg');
  const dirs = {};
  for (const pkg of recipe.packages) {
    const dir = join(work, 'pkg', pkg.name);
    mkdirSync(dir, { recursive: true });
    run('dpkg-deb', ['-x', debFile(pkg), dir]);
    dirs[pkg.name] = dir;
  }
  const kernelPkg = dirs[`linux-image-${recipe.kernelRelease}`];
  return {
    kernel: join(kernelPkg, `boot/vmlinuz-${recipe.kernelRelease}`),
    overlay: join(kernelPkg, `lib/modules/${recipe.kernelRelease}/kernel/fs/overlayfs/overlay.ko`),
    veth: join(kernelPkg, `lib/modules/${recipe.kernelRelease}/kernel/drivers/net/veth.ko`),
    busybox: join(dirs['busybox-static'], 'bin/busybox'),
    bios: join(dirs.seabios, 'usr/share/seabios/bios.bin'),
    vgabios: join(dirs.seabios, 'usr/share/seabios/vgabios-stdvga.bin'),
    copyright: {
      linux: join(kernelPkg, `usr/share/doc/linux-image-${recipe.kernelRelease}/copyright`),
      busybox: join(dirs['busybox-static'], 'usr/share/doc/busybox-static/copyright'),
      seabios: join(dirs.seabios, 'usr/share/doc/seabios/copyright'),
    },
  };
}

/**
 * The initramfs, byte for byte the same on every build: fixed mtimes (0),
 * a sorted file list, owner 0:0, `cpio --reproducible`, `gzip -n`.
 */
function buildInitramfs(inputs, work) {
  need('cpio', 'cpio');
  need('gzip', 'gzip');
  const tree = join(work, 'initramfs');
  rmSync(tree, { recursive: true, force: true });
  for (const d of ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'dev', 'proc', 'sys', 'tmp', 'root', 'etc', 'lib/modules'])
    mkdirSync(join(tree, d), { recursive: true });
  copyFileSync(inputs.busybox, join(tree, 'bin/busybox'));
  chmodSync(join(tree, 'bin/busybox'), 0o755);
  // One symlink per applet, where BusyBox says it belongs (/bin/sh, /sbin/insmod, /usr/bin/unshare, ...).
  const applets = run(inputs.busybox, ['--list-full'])
    .toString()
    .split('\n')
    .filter((l) => l && l !== 'bin/busybox');
  for (const a of applets) {
    const target = relative(dirname(join(tree, a)), join(tree, 'bin/busybox'));
    mkdirSync(dirname(join(tree, a)), { recursive: true });
    symlinkSync(target, join(tree, a));
  }
  // Modules the labs need that Debian builds as modules (neither has dependencies).
  copyFileSync(inputs.overlay, join(tree, 'lib/modules/overlay.ko'));
  copyFileSync(inputs.veth, join(tree, 'lib/modules/veth.ko'));
  copyFileSync(join(root, 'labs/init'), join(tree, 'init'));
  chmodSync(join(tree, 'init'), 0o755);
  writeFileSync(join(tree, 'etc/hostname'), 'v86\n');
  // A tiny container image for the Layers and Race labs: its own /bin with
  // BusyBox (a hard link, so stored once in the cpio archive) and an os-release
  // that tells it apart from the VM's root.
  const image = join(tree, 'images/tiny');
  for (const d of ['bin', 'proc', 'sys', 'tmp', 'etc', 'root', 'dev']) mkdirSync(join(image, d), { recursive: true });
  linkSync(join(tree, 'bin/busybox'), join(image, 'bin/busybox'));
  for (const a of applets) {
    const name = a.split('/').pop();
    if (!existsSync(join(image, 'bin', name))) symlinkSync('busybox', join(image, 'bin', name));
  }
  writeFileSync(join(image, 'etc/os-release'), 'NAME="tiny"\nPRETTY_NAME="tiny container image (BusyBox)"\n');
  writeFileSync(join(image, 'etc/hostname'), 'tiny\n');

  // The kernel opens /dev/console before /init runs, so the node must be in
  // the archive (devtmpfs provides the rest once /init mounts it).
  if (process.getuid?.() !== 0) fail('the initramfs needs device nodes (/dev/console, /dev/null): run as root');
  run('mknod', ['-m', '600', join(tree, 'dev/console'), 'c', '5', '1']);
  run('mknod', ['-m', '666', join(tree, 'dev/null'), 'c', '1', '3']);
  const list = run('find', ['.'], { cwd: tree })
    .toString()
    .split('\n')
    .filter(Boolean)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const p of list) lutimesSync(join(tree, p), 0, 0);
  const cpio = spawnSync('cpio', ['-o', '-H', 'newc', '-R', '0:0', '--reproducible', '--quiet'], {
    cwd: tree,
    input: `${list.join('\n')}\n`,
    maxBuffer: 1 << 28,
  });
  if (cpio.status !== 0) fail(`cpio failed: ${cpio.stderr}`);
  const gz = spawnSync('gzip', ['-9', '-n'], { input: cpio.stdout, maxBuffer: 1 << 28 });
  if (gz.status !== 0) fail(`gzip failed: ${gz.stderr}`);
  return gz.stdout;
}

/** Boots the guest in Node, waits for the first prompt, saves the state; returns [raw state, ms to prompt]. */
async function bootAndSave(files) {
  const require = createRequire(import.meta.url);
  const { V86 } = await import('v86');
  const installed = JSON.parse(readFileSync(require.resolve('v86/package.json'), 'utf8')).version;
  if (!installed.startsWith(`${recipe.v86}+`) && installed !== recipe.v86)
    fail(`node_modules has v86 ${installed}; labs/recipe.json pins ${recipe.v86} (run npm install)`);
  const ab = (b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  const emulator = new V86({
    wasm_path: require.resolve('v86/build/v86.wasm'),
    bios: { buffer: ab(files.bios) },
    vga_bios: { buffer: ab(files.vgabios) },
    bzimage: { buffer: ab(files.kernel) },
    initrd: { buffer: ab(files.initrd) },
    cmdline: recipe.cmdline,
    memory_size: recipe.memoryMiB * 1024 * 1024,
    vga_memory_size: 2 * 1024 * 1024,
    autostart: true,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
  });
  const t0 = performance.now();
  let out = '';
  await new Promise((ok, bad) => {
    const timer = setTimeout(() => bad(new Error(`no prompt after 600 s; output so far:\n${out}`)), 600_000);
    emulator.add_listener('serial0-output-byte', (b) => {
      out += String.fromCharCode(b);
      if (out.endsWith(recipe.prompt) || out.endsWith(`${recipe.prompt}\x1b[6n`)) {
        clearTimeout(timer);
        ok();
      }
    });
  });
  const bootMs = performance.now() - t0;
  // Let the shell finish writing its cursor query and go idle.
  await new Promise((r) => setTimeout(r, 500));
  const state = new Uint8Array(await emulator.save_state());
  await emulator.destroy();
  return { state, bootMs, out };
}

/** Restores a (zstd) state in Node and checks that the shell runs a command; returns ms to the answer. */
async function restoreAndCheck(stateZst) {
  const require = createRequire(import.meta.url);
  const { V86 } = await import('v86');
  const t0 = performance.now();
  const emulator = new V86({
    wasm_path: require.resolve('v86/build/v86.wasm'),
    memory_size: recipe.memoryMiB * 1024 * 1024,
    vga_memory_size: 2 * 1024 * 1024,
    initial_state: { buffer: stateZst.buffer.slice(stateZst.byteOffset, stateZst.byteOffset + stateZst.byteLength) },
    autostart: true,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
  });
  let out = '';
  emulator.add_listener('serial0-output-byte', (b) => {
    out += String.fromCharCode(b);
  });
  await new Promise((ok) => emulator.add_listener('emulator-started', ok));
  emulator.serial0_send('echo RESTORED-$((6*7)); uname -r\n');
  const deadline = Date.now() + 120_000;
  while (!/RESTORED-42\r?\n/.test(out)) {
    if (Date.now() > deadline) fail(`the saved state did not answer within 120 s; output:\n${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - t0;
  while (!out.includes(recipe.kernelRelease) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await emulator.destroy();
  if (!out.includes(recipe.kernelRelease))
    fail(`the restored guest runs another kernel than ${recipe.kernelRelease}:\n${out}`);
  return ms;
}

function hashedName(stem, ext, buf) {
  return `${stem}.${sha256(buf).slice(0, 12)}${ext}`;
}

async function build() {
  need('zstd', 'zstd');
  const work = mkdtempSync(join(tmpdir(), 'virtlab-labs-'));
  try {
    const inputs = extractInputs(work);
    const files = {
      kernel: readFileSync(inputs.kernel),
      initrd: buildInitramfs(inputs, work),
      bios: readFileSync(inputs.bios),
      vgabios: readFileSync(inputs.vgabios),
    };
    log(`initramfs ${files.initrd.length} bytes, sha256 ${sha256(files.initrd)}`);
    log('booting the guest in Node to save its state (about 10-120 s)...');
    const { state, bootMs } = await bootAndSave(files);
    log(`prompt after ${Math.round(bootMs)} ms; raw state ${state.length} bytes; zstd -19...`);
    const zst = spawnSync('zstd', ['-19', '-q', '-c', '--no-progress'], { input: state, maxBuffer: 1 << 30 });
    if (zst.status !== 0) fail(`zstd failed: ${zst.stderr}`);
    files.state = zst.stdout;
    const restoreMs = await restoreAndCheck(files.state);
    log(`state ${files.state.length} bytes; restored and answered in ${Math.round(restoreMs)} ms`);

    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(join(outDir, 'licences'), { recursive: true });
    const ext = { kernel: '.bzimage', initrd: '.cpio.gz', bios: '.bin', vgabios: '.bin', state: '.bin.zst' };
    const stems = { kernel: 'vmlinuz', initrd: 'initramfs', bios: 'bios', vgabios: 'vgabios', state: 'state' };
    const manifest = {
      $comment: 'Generated by scripts/build-labs.mjs from labs/recipe.json; do not edit.',
      v86: recipe.v86,
      kernelRelease: recipe.kernelRelease,
      cmdline: recipe.cmdline,
      memoryMiB: recipe.memoryMiB,
      prompt: recipe.prompt,
      packages: recipe.packages.map(({ name, arch, version, source, licence }) => ({
        name,
        arch,
        version,
        source,
        licence,
      })),
      files: {},
      reproducible: ['kernel', 'initrd', 'bios', 'vgabios'],
      nodeBootMs: Math.round(bootMs),
    };
    for (const key of Object.keys(stems)) {
      const name = hashedName(stems[key], ext[key], files[key]);
      writeFileSync(join(outDir, name), files[key]);
      manifest.files[key] = { file: name, bytes: files[key].length, sha256: sha256(files[key]) };
    }
    copyFileSync(inputs.copyright.linux, join(outDir, 'licences/linux.copyright.txt'));
    copyFileSync(inputs.copyright.busybox, join(outDir, 'licences/busybox.copyright.txt'));
    copyFileSync(inputs.copyright.seabios, join(outDir, 'licences/seabios.copyright.txt'));
    copyFileSync(createRequire(import.meta.url).resolve('v86/LICENSE'), join(outDir, 'licences/v86.LICENSE.txt'));
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    log(`wrote public/labs/ and labs/manifest.json`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function check() {
  if (!existsSync(manifestPath)) fail('labs/manifest.json is missing: run npm run build:labs');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'virtlab-labs-check-'));
  let bad = 0;
  try {
    const inputs = extractInputs(work);
    const fresh = {
      kernel: readFileSync(inputs.kernel),
      initrd: buildInitramfs(inputs, work),
      bios: readFileSync(inputs.bios),
      vgabios: readFileSync(inputs.vgabios),
    };
    for (const key of manifest.reproducible) {
      const committed = readFileSync(join(outDir, manifest.files[key].file));
      const same = sha256(committed) === sha256(fresh[key]) && sha256(committed) === manifest.files[key].sha256;
      log(
        `${key}: ${same ? 'identical to its recipe' : `DIFFERS (committed ${sha256(committed)}, rebuilt ${sha256(fresh[key])})`}`,
      );
      if (!same) bad++;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const state = readFileSync(join(outDir, manifest.files.state.file));
  if (sha256(state) !== manifest.files.state.sha256) {
    log('state: sha256 differs from labs/manifest.json');
    bad++;
  }
  const ms = await restoreAndCheck(state);
  log(`state: restored in Node and answered a command in ${Math.round(ms)} ms`);
  if (bad)
    fail(
      `${bad} file(s) differ from their recipe: run npm run build:labs and commit public/labs/ and labs/manifest.json`,
    );
}

/**
 * Downloads the corresponding sources into `dir`; with `printOnly`, downloads
 * nothing and checks that Debian's archive still offers each exact source
 * package (its .dsc), printing their URIs (what CI runs after --check).
 */
function sources(dir, printOnly = false) {
  need('apt-get', 'apt');
  const dest = join(root, dir ?? 'labs-sources');
  if (!printOnly) mkdirSync(dest, { recursive: true });
  // A private apt configuration with deb-src lines, so the host's own
  // sources.list is left alone.
  const conf = mkdtempSync(join(tmpdir(), 'virtlab-apt-src-'));
  mkdirSync(join(conf, 'lists/partial'), { recursive: true });
  writeFileSync(
    join(conf, 'sources.list'),
    [
      `deb-src http://deb.debian.org/debian ${recipe.debian} main`,
      `deb-src http://deb.debian.org/debian ${recipe.debian}-updates main`,
      `deb-src http://deb.debian.org/debian-security ${recipe.debian}-security main`,
      '',
    ].join('\n'),
  );
  const opts = [
    '-o',
    `Dir::Etc::SourceList=${join(conf, 'sources.list')}`,
    '-o',
    'Dir::Etc::SourceParts=/dev/null',
    '-o',
    `Dir::State::Lists=${join(conf, 'lists')}`,
  ];
  try {
    log('apt-get update (deb-src, private lists)');
    run('apt-get', [...opts, 'update', '-qq'], { stdio: 'inherit' });
    const wanted = [];
    for (const pkg of recipe.packages) {
      const deb = debFile(pkg);
      const field = (name) => run('dpkg-deb', ['-f', deb, name]).toString().trim();
      // "busybox (1:1.35.0-4+deb12u1)" or nothing (then source = package, same version)
      const src = field('Source');
      const m = /^(\S+)(?:\s+\(([^)]+)\))?$/.exec(src);
      wanted.push(m ? `${m[1]}=${m[2] ?? pkg.version}` : `${pkg.name}=${pkg.version}`);
      // Static binaries and signed kernels carry the sources they were built from.
      for (const part of field('Built-Using').split(',')) {
        const b = /^\s*(\S+)\s+\(=\s*([^)]+)\)/.exec(part);
        if (b) wanted.push(`${b[1]}=${b[2]}`);
      }
    }
    if (printOnly) {
      for (const w of [...new Set(wanted)]) {
        const r = spawnSync('apt-get', [...opts, 'source', '--print-uris', '--only-source', w], { encoding: 'utf8' });
        const dsc = /'([^']+\.dsc)'/.exec(r.stdout ?? '');
        if (r.status !== 0 || !dsc) fail(`Debian's archive does not offer the source of ${w}:\n${r.stderr}`);
        log(`${w}: ${dsc[1]}`);
      }
      log(`all ${new Set(wanted).size} source packages are available`);
      return;
    }
    for (const w of [...new Set(wanted)]) {
      log(`apt-get source --download-only ${w}`);
      const r = spawnSync('apt-get', [...opts, 'source', '--download-only', w], { cwd: dest, stdio: 'inherit' });
      if (r.status !== 0) fail(`could not download the source of ${w}`);
    }
    writeFileSync(
      join(dest, 'README.txt'),
      [
        'Corresponding sources of the VirtLab terminal labs',
        '',
        'These are the exact Debian source packages of the binaries in labs/ (public/labs/',
        'in the repository): the Linux kernel, BusyBox and the glibc built into it, and',
        'SeaBIOS. Unpack one with `dpkg-source -x <name>.dsc`. Publish this folder next to',
        'the site to offer the sources the GPL asks a distributor to offer.',
        '',
        ...wanted.map((w) => `  ${w}`),
        '',
      ].join('\n'),
    );
    log(`sources in ${relative(root, dest) || dest}`);
  } finally {
    rmSync(conf, { recursive: true, force: true });
  }
}

if (args.includes('--sources')) {
  const i = args.indexOf('--sources');
  sources(args[i + 1] && !args[i + 1].startsWith('-') ? args[i + 1] : undefined, args.includes('--print-uris'));
} else if (args.includes('--check')) {
  await check();
} else if (args.length) {
  fail(`unknown argument ${args[0]} (use --check, --sources [DIR] or --sources --print-uris)`);
} else {
  await build();
}
