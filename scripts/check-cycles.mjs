#!/usr/bin/env node
// Fails when modules under src/ import each other in a cycle, or against the
// layers (ARCHITECTURE.md): a module imports from its own folder or from a
// lower layer only, and a widget never from another widget. Every kind of
// import counts: static, `import type`, `export … from`, dynamic `import()`
// and `import.meta.glob` (a lazy import is still a dependency: a kit module
// that lazily imports a widget makes the kit and the widgets one unit).
//   node scripts/check-cycles.mjs [dir]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = resolve(root, process.argv[2] ?? 'src');
const EXTS = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.astro', '.mdx'];

function walk(d, out = []) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (EXTS.some((e) => name.endsWith(e))) out.push(p);
  }
  return out;
}

/** A glob like '../widgets/*\/entry.ts' as a test on absolute paths. */
function globTest(from, pattern) {
  const abs = resolve(dirname(from), pattern);
  const re = abs
    .split(/(\*\*\/|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`);
}

function resolveSpecifier(from, spec, files) {
  if (!spec.startsWith('.')) return null; // packages and virtual modules are outside the graph
  const base = resolve(dirname(from), spec);
  for (const cand of [base, ...EXTS.map((e) => base + e), ...EXTS.map((e) => join(base, `index${e}`))]) {
    if (files.has(cand)) return cand;
  }
  return null;
}

const files = new Set(walk(dir));
const graph = new Map();
const SPEC = [
  /\bimport\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];
for (const file of files) {
  // Comments may mention imports; they are not dependencies.
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const deps = new Set();
  for (const re of SPEC) {
    for (const m of text.matchAll(re)) {
      const to = resolveSpecifier(file, m[1], files);
      if (to) deps.add(to);
    }
  }
  for (const m of text.matchAll(/import\.meta\.glob\(\s*(\[[^\]]*\]|['"][^'"]+['"])/g)) {
    const patterns = [...m[1].matchAll(/['"]([^'"]+)['"]/g)].map((x) => x[1]).filter((p) => !p.startsWith('!'));
    for (const p of patterns) {
      const test = globTest(file, p);
      for (const f of files) if (test.test(f)) deps.add(f);
    }
  }
  graph.set(file, [...deps]);
}

// Tarjan's strongly connected components: any component of two or more
// modules (or one importing itself) is a cycle.
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function strong(v) {
  idx.set(v, index);
  low.set(v, index);
  index++;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v)) {
    if (!idx.has(w)) {
      strong(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1 || graph.get(v).includes(v)) cycles.push(comp);
  }
}
for (const v of graph.keys()) if (!idx.has(v)) strong(v);

/** One concrete loop through a component, for the message. */
function loopIn(comp) {
  const inComp = new Set(comp);
  const start = comp.slice().sort()[0];
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v)) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let x = v; x !== start; x = prev.get(x)) path.splice(1, 0, x);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

const rel = (p) => relative(root, p);

// Layers of src/, lowest first. Content (MDX, outside src/) sits above all.
const LAYERS = [
  ['src/sim', 'src/utils'],
  ['src/widgets/kit'],
  ['src/widgets', 'src/cli', 'src/validation'],
  ['src/embed'],
  ['src/labs', 'src/teach'],
  ['src/components', 'src/integrations'],
  ['src/pages', 'src/route-data.ts', 'src/content.config.ts', 'src/content'],
];
/** The unit a module belongs to (paths as if `dir` were src/): a folder of src/ (each widget its own), or a top-level file. */
function unitOf(p) {
  const parts = ['src', ...relative(dir, p).split('/')];
  if (parts.length < 3) return parts.join('/');
  if (parts[1] === 'widgets' && parts.length > 3) return parts.slice(0, 3).join('/');
  return parts.slice(0, 2).join('/');
}
/** The unit's layer, or -1 for a unit the layers do not name (no rule applies). */
function layerOf(unit) {
  const key = unit.startsWith('src/widgets/') && unit !== 'src/widgets/kit' ? 'src/widgets' : unit;
  return LAYERS.findIndex((l) => l.includes(key));
}
const wrongWay = [];
for (const [from, deps] of graph) {
  const a = unitOf(from);
  for (const to of deps) {
    const b = unitOf(to);
    const la = layerOf(a);
    const lb = layerOf(b);
    if (a === b || la < 0 || lb < 0 || lb < la) continue;
    // The widget list (src/widgets/*.ts) and the widgets share a layer: the list reads every entry.
    if (la === lb && (a === 'src/widgets' || b === 'src/widgets')) continue;
    wrongWay.push(`${rel(from)} -> ${rel(to)} (${a} may not import ${b})`);
  }
}
for (const w of wrongWay) console.error(`import against the layers: ${w}`);

if (cycles.length === 0 && wrongWay.length === 0) {
  console.log(`import cycles and layers: none among ${files.size} modules in ${rel(dir)}/`);
  process.exit(0);
}
for (const comp of cycles) {
  console.error(`import cycle among ${comp.length} modules:\n  ${loopIn(comp).map(rel).join('\n  -> ')}`);
  if (comp.length > 2) console.error(`  (all ${comp.length}: ${comp.map(rel).sort().join(', ')})`);
}
console.error(
  `\n${cycles.length} import cycle(s) and ${wrongWay.length} import(s) against the layers in ${rel(dir)}/. Imports go one way (content -> widgets -> sim -> wasm); see ARCHITECTURE.md.`,
);
process.exit(1);
