// scripts/serve.mjs: a taken port or a bad PORT is a one-line message with the fix, not a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/serve.mjs', import.meta.url));
const site = mkdtempSync(join(tmpdir(), 'virtlab-serve-'));
writeFileSync(join(site, 'index.html'), '<!doctype html><title>t</title>');

let blocker: Server;
let taken = 0;
beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
  const addr = blocker.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  taken = addr.port;
});
afterAll(() => blocker.close());

const serve = (env: Record<string, string>, args: string[] = []) =>
  spawnSync(process.execPath, [script, site, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

describe('serve.mjs', () => {
  it('names a taken port and suggests PORT=', () => {
    const r = serve({ PORT: String(taken) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`port ${taken} on 127.0.0.1 is already in use`);
    expect(r.stderr).toMatch(/PORT=\d+ npm run serve/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
  it('says the same for --port', () => {
    const r = serve({}, ['--port', String(taken)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('already in use');
  });
  it('rejects a PORT that is not a port number, naming PORT', () => {
    const r = serve({ PORT: 'abc' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PORT must be a whole number from 0 to 65535; got "abc"');
  });
});
