// The content security policy build step (src/integrations/csp.ts) and the
// _headers reader of scripts/serve.mjs, which sends what the build wrote.
import { describe, expect, it } from 'vitest';
import { headersFor, parseHeadersFile } from '../../scripts/serve.mjs';
import { buildPolicies, headersFile, parseFrameAncestors, scanHtml } from '../../src/integrations/csp.ts';

// The example of the CSP specification (w3c.github.io/webappsec-csp, "hash-source").
const SPEC_SCRIPT = "alert('Hello, world.');";
const SPEC_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='";

describe('scanHtml', () => {
  it('hashes inline scripts that run, as the specification does', () => {
    const s = scanHtml(`<p>x</p><script>${SPEC_SCRIPT}</script><script type="module">${SPEC_SCRIPT}</script>`);
    expect(s.scripts).toEqual([SPEC_HASH]);
  });

  it('leaves out external scripts and data blocks, which a policy does not hash', () => {
    const s = scanHtml(`<script src="/a.js"></script><script type="application/json" id="d">{"a":1}</script>`);
    expect(s.scripts).toEqual([]);
  });

  it('hashes <style> elements and the decoded value of style attributes', () => {
    const decoded = scanHtml(`<style>a{color:red}</style><p style="font-family:&quot;A&quot;">x</p>`);
    const plain = scanHtml(`<style>a{color:red}</style><p style='font-family:"A"'>x</p>`);
    expect(decoded.styles).toHaveLength(2);
    expect(decoded.styles).toEqual(plain.styles);
    expect(decoded.styleAttributes).toBe(true);
    expect(scanHtml('<p>x</p>').styleAttributes).toBe(false);
  });

  it('reports inline event handlers and javascript: URLs with the file, but not text that only mentions them', () => {
    const s = scanHtml(
      `<button onclick="go()">a</button><a href=" javascript:void(0)">b</a><code>&lt;b onclick="x"&gt;</code><script>var t = '<b onload="y">';</script>`,
      'course/x/index.html',
    );
    expect(s.problems).toHaveLength(2);
    expect(s.problems[0]).toMatch(/^course\/x\/index\.html: inline event handler onclick/);
    expect(s.problems[1]).toMatch(/^course\/x\/index\.html: javascript: URL in href/);
  });
});

describe('parseFrameAncestors', () => {
  it('defaults to any site and keeps a valid list', () => {
    expect(parseFrameAncestors(undefined)).toEqual(['*']);
    expect(parseFrameAncestors('  ')).toEqual(['*']);
    expect(parseFrameAncestors("https://lms.example.edu  https://*.example.org:8443 'self'")).toEqual([
      'https://lms.example.edu',
      'https://*.example.org:8443',
      "'self'",
    ]);
  });

  it('names the variable for a value that is not a source, or that would add a directive', () => {
    expect(() => parseFrameAncestors('https://a.example; script-src *')).toThrow(
      /VIRTLAB_FRAME_ANCESTORS: "https:\/\/a\.example;"/,
    );
    expect(() => parseFrameAncestors('self')).toThrow(
      /VIRTLAB_FRAME_ANCESTORS: "self" must be written with single quotes/,
    );
    expect(() => parseFrameAncestors("'unsafe-inline'")).toThrow(/VIRTLAB_FRAME_ANCESTORS/);
    expect(() => parseFrameAncestors("'none' https://a.example")).toThrow(/'none' must be the only source/);
  });
});

describe('buildPolicies and the _headers file', () => {
  const scan = { scripts: [SPEC_HASH], styles: ["'sha256-abc='"], styleAttributes: true, problems: [] };
  const top = [
    { name: 'index.html', dir: false },
    { name: 'course', dir: true },
    { name: 'embed', dir: true },
    { name: '_astro', dir: true },
    { name: '404.html', dir: false },
    { name: 'sw.js', dir: false },
  ];

  it("lets only the site frame its pages, and the configured sites (plus the site's own embed builder) frame /embed/", () => {
    const p = buildPolicies(scan, ['https://lms.example.edu']);
    expect(p.site).toContain("frame-ancestors 'self'");
    expect(p.embed).toMatch(/frame-ancestors 'self' https:\/\/lms\.example\.edu$/);
    expect(p.site).toContain(`script-src 'self' 'wasm-unsafe-eval' ${SPEC_HASH};`);
    expect(p.site).toContain("style-src 'self' 'unsafe-hashes' 'sha256-abc=';");
    expect(buildPolicies(scan, ['*']).embed).toMatch(/frame-ancestors \*$/);
  });

  it('gives every path of the build exactly one policy, under the base path', () => {
    const p = buildPolicies(scan, ['*']);
    const rules = parseHeadersFile(headersFile('/sub/path/', top, p));
    const csp = (path: string) => headersFor(rules, path)['Content-Security-Policy'];
    for (const path of [
      '/sub/path/',
      '/sub/path/index.html',
      '/sub/path/course/containers/',
      '/sub/path/_astro/worker.js',
      '/sub/path/404.html',
      '/sub/path/sw.js',
    ]) {
      expect(csp(path), path).toBe(p.site);
    }
    for (const path of ['/sub/path/embed/one-host/', '/sub/path/embed/virtlab.js']) {
      expect(csp(path), path).toBe(p.embed);
      expect(headersFor(rules, path)['Access-Control-Allow-Origin']).toBe('*');
    }
    expect(csp('/course/containers/')).toBeUndefined();
  });
});

describe('parseHeadersFile', () => {
  it('joins the values of overlapping rules as Netlify and Cloudflare do', () => {
    const rules = parseHeadersFile('# c\n/*\n  X-A: 1\n/a/*\n  x-a: 2\n  X-B: b:c\n');
    expect(headersFor(rules, '/a/b')).toEqual({ 'X-A': '1, 2', 'X-B': 'b:c' });
    expect(headersFor(rules, '/z')).toEqual({ 'X-A': '1' });
  });

  it('names the line of a header without a path or a colon', () => {
    expect(() => parseHeadersFile('  X-A: 1\n')).toThrow(/_headers line 1/);
    expect(() => parseHeadersFile('/a\n  nonsense\n')).toThrow(/_headers line 2/);
  });
});
