// The site's content security policy, computed from the built HTML and
// written to dist/_headers (the Netlify / Cloudflare Pages format, which
// scripts/serve.mjs and the offline bundle's server also read).
//
// Why after the build rather than Astro's own `security.csp`: Astro's policy
// is a <meta> element, which cannot carry frame-ancestors (browsers ignore it
// there) and does not reach workers; and it only hashes the scripts and
// styles Astro bundles, not Starlight's `is:inline` scripts or the style
// attributes in the HTML. Hashing every inline script, <style> and style
// attribute of the finished pages covers whatever any part of the build
// emits, under any base path. See content/reference/security.mdx.
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PageScan {
  /** 'sha256-…' of every inline script the browser would run. */
  scripts: string[];
  /** 'sha256-…' of every inline <style> element and style="" attribute. */
  styles: string[];
  /** Whether any element carries a style attribute (then 'unsafe-hashes' is needed). */
  styleAttributes: boolean;
  /** Things no policy should allow: inline event handlers, javascript: URLs. */
  problems: string[];
}

const sha256 = (text: string): string =>
  `'sha256-${createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('base64')}'`;

/** Script types that run; any other type (application/json, …) is a data block, which CSP ignores. */
const EXECUTABLE = /^(|module|text\/javascript|application\/javascript|text\/ecmascript|application\/ecmascript)$/i;

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

/** Character references as they appear in attribute values (the browser hashes the decoded value). */
export function decodeEntities(value: string): string {
  const named: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' };
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return named[ref.toLowerCase()] ?? all;
  });
}

/** Hashes what a page runs inline and lists what a strict policy forbids. */
export function scanHtml(html: string, file = 'page'): PageScan {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const problems: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1];
    if (/(?:^|\s)src\s*=/i.test(attrs)) continue;
    if (!EXECUTABLE.test((attr(attrs, 'type') ?? '').trim())) continue;
    scripts.add(sha256(m[2]));
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) styles.add(sha256(m[1]));
  // Tags only: script and style bodies may contain anything.
  const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '<$1>');
  let styleAttributes = false;
  for (const tag of markup.matchAll(
    /<[a-zA-Z][^\s/>]*((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g,
  )) {
    for (const a of tag[1].matchAll(/\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      const name = a[1].toLowerCase();
      const value = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      if (name.startsWith('on')) problems.push(`${file}: inline event handler ${name}="${value.slice(0, 40)}"`);
      else if (name === 'style') {
        styleAttributes = true;
        styles.add(sha256(value));
      } else if (
        ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) &&
        /^\s*javascript:/i.test(value)
      ) {
        problems.push(`${file}: javascript: URL in ${name}`);
      }
    }
  }
  return { scripts: [...scripts].sort(), styles: [...styles].sort(), styleAttributes, problems };
}

/**
 * Checks a frame-ancestors source list (from VIRTLAB_FRAME_ANCESTORS) and
 * returns it normalised. Throws an error naming the variable on bad input.
 */
export function parseFrameAncestors(value: string | undefined, name = 'VIRTLAB_FRAME_ANCESTORS'): string[] {
  const sources = (value ?? '*').trim().split(/\s+/).filter(Boolean);
  if (sources.length === 0) return ['*'];
  const ok = (s: string) =>
    s === '*' ||
    s === "'self'" ||
    s === "'none'" ||
    /^[a-z][a-z0-9+.-]*:$/i.test(s) || // a scheme, e.g. https:
    /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?(?:\/[^\s;,'"]*)?$/i.test(s);
  for (const s of sources) {
    // Unquoted, these would be host names: a common slip, so say so.
    if (/^(self|none)$/i.test(s))
      throw new Error(`${name}: "${s}" must be written with single quotes: '${s.toLowerCase()}'`);
    if (!ok(s)) {
      throw new Error(
        `${name}: "${s}" is not a frame-ancestors source; use space-separated origins such as https://lms.example.edu, a scheme such as https:, 'self', 'none' or *`,
      );
    }
  }
  if (sources.includes("'none'") && sources.length > 1) throw new Error(`${name}: 'none' must be the only source`);
  return sources;
}

export interface Policies {
  /** For every file of the site except /embed/. */
  site: string;
  /** For /embed/ (embed pages, the script-tag bundle and its worker). */
  embed: string;
}

/** The two policies from the hashes of every page. Sorted, so the same build gives the same bytes. */
export function buildPolicies(scan: PageScan, frameAncestors: string[]): Policies {
  const directives = (ancestors: string[]) =>
    [
      "default-src 'self'",
      ['script-src', "'self'", "'wasm-unsafe-eval'", ...scan.scripts].join(' '),
      ['style-src', "'self'", ...(scan.styleAttributes ? ["'unsafe-hashes'"] : []), ...scan.styles].join(' '),
      // data: for the SVG icons in Starlight's and Pagefind's CSS; blob: for PNG export (an SVG drawn onto a canvas).
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "worker-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      `frame-ancestors ${ancestors.join(' ')}`,
    ].join('; ');
  // The site's own embed builder previews /embed/ pages in an iframe, so 'self' is always among them.
  const embedAncestors =
    frameAncestors.includes('*') || frameAncestors.includes("'none'") || frameAncestors.includes("'self'")
      ? frameAncestors
      : ["'self'", ...frameAncestors];
  return { site: directives(["'self'"]), embed: directives(embedAncestors) };
}

/** The _headers file: one rule per top-level entry of the build, so no two rules overlap
 * (Netlify and Cloudflare join the values of overlapping rules, which would enforce both policies). */
export function headersFile(base: string, topLevel: { name: string; dir: boolean }[], policies: Policies): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const lines = [
    '# Generated by src/integrations/csp.ts: the content security policy of this build.',
    '# Netlify / Cloudflare Pages format; scripts/serve.mjs (npm start, the offline bundle) reads it too.',
    '# Rules never overlap: /embed/ has its own frame-ancestors (VIRTLAB_FRAME_ANCESTORS).',
  ];
  const rule = (path: string, policy: string, extra: string[] = []) =>
    lines.push(path, `  Content-Security-Policy: ${policy}`, ...extra.map((h) => `  ${h}`));
  rule(prefix, policies.site);
  for (const e of [...topLevel].sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === '_headers') continue;
    if (e.name === 'embed' && e.dir) {
      // Pages of any origin load /embed/virtlab.js (a module script) and its wasm.
      rule(`${prefix}embed/*`, policies.embed, ['Access-Control-Allow-Origin: *']);
    } else rule(`${prefix}${e.name}${e.dir ? '/*' : ''}`, policies.site);
  }
  return `${lines.join('\n')}\n`;
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(full));
    else if (e.name.endsWith('.html')) out.push(full);
  }
  return out.sort();
}

export function csp(options: { frameAncestors?: string } = {}): AstroIntegration {
  // Checked when the config loads, so a bad value stops the build before it starts.
  const frameAncestors = parseFrameAncestors(options.frameAncestors);
  let base = '/';
  return {
    name: 'virtlab:csp',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const all: PageScan = { scripts: [], styles: [], styleAttributes: false, problems: [] };
        const files = htmlFiles(root);
        for (const f of files) {
          const s = scanHtml(readFileSync(f, 'utf8'), relative(root, f).split(sep).join('/'));
          all.scripts.push(...s.scripts);
          all.styles.push(...s.styles);
          all.styleAttributes ||= s.styleAttributes;
          all.problems.push(...s.problems);
        }
        if (all.problems.length) {
          throw new Error(
            `content security policy: the built HTML has what the policy forbids:\n  ${all.problems.join('\n  ')}`,
          );
        }
        all.scripts = [...new Set(all.scripts)].sort();
        all.styles = [...new Set(all.styles)].sort();
        const policies = buildPolicies(all, frameAncestors);
        const top = readdirSync(root, { withFileTypes: true }).map((e) => ({ name: e.name, dir: e.isDirectory() }));
        writeFileSync(join(root, '_headers'), headersFile(base, top, policies));
        logger.info(
          `wrote _headers: ${files.length} pages, ${all.scripts.length} inline script hashes, ${all.styles.length} style hashes, embed frame-ancestors ${frameAncestors.join(' ')}`,
        );
      },
    },
  };
}
