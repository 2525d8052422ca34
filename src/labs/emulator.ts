// The lab guest in the browser: v86 (an x86 PC emulator compiled to
// WebAssembly) running Debian's Linux kernel. Loaded only when a reader
// presses "Start the lab" (src/labs/Lab.tsx imports this module dynamically).
//
// Two ways to start: restore the saved state (a shell at `lab# `, about a
// second once downloaded) or, for the Race lab, a cold boot from the BIOS.
// The guest has no network device: v86 adds one only when asked to.
import { V86 } from 'v86';
import v86WasmUrl from 'v86/build/v86.wasm?url';
import { endsWithPrompt, OutputLog } from './checker.ts';
import { type LabFileKey, labFileUrl, manifest } from './assets.ts';
import YieldWorker from './v86-yield.worker.ts?worker';

export interface Progress {
  loadedBytes: number;
  totalBytes: number;
}

/** Fetches a file of the site, reporting bytes as they arrive. */
async function fetchBytes(url: string, expected: number, onBytes: (n: number) => void): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not download ${url}: HTTP ${response.status}`);
  if (!response.body) {
    const buf = await response.arrayBuffer();
    onBytes(buf.byteLength);
    return buf;
  }
  const reader = response.body.getReader();
  const out = new Uint8Array(Math.max(expected, 1));
  let used = 0;
  let grown = out;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (used + value.length > grown.length) {
      const bigger = new Uint8Array(Math.max(grown.length * 2, used + value.length));
      bigger.set(grown.subarray(0, used));
      grown = bigger;
    }
    grown.set(value, used);
    used += value.length;
    onBytes(value.length);
  }
  return grown.buffer.slice(0, used);
}

// The emulator's wasm is about 2.1 MB before compression; the server gzips it.
const WASM_BYTES_ESTIMATE = 2_101_621;

/**
 * v86 times its main loop with a worker made from a blob: URL, which the
 * site's policy refuses (worker-src 'self'). While v86 starts, a blob: worker
 * is replaced by the same code served from the site (v86-yield.worker.ts).
 */
function withSameOriginWorkers<T>(start: () => Promise<T>): Promise<T> {
  const Real = globalThis.Worker;
  const Shim = function (this: unknown, url: string | URL, options?: WorkerOptions) {
    if (String(url).startsWith('blob:')) return new YieldWorker();
    return new Real(url, options);
  } as unknown as typeof Worker;
  Shim.prototype = Real.prototype;
  globalThis.Worker = Shim;
  return start().finally(() => {
    globalThis.Worker = Real;
  });
}

export interface LabGuest {
  /** Raw bytes the guest wrote to its serial console, as a string of char codes. */
  onOutput(listener: (text: string) => void): void;
  /** Sends what the reader typed (or a step's command) to the guest's console. */
  send(text: string): void;
  /** Plain text of the session so far (offsets for the step checks). */
  log: OutputLog;
  /** Back to the saved state; resolves with the milliseconds until the prompt was back. */
  reset(): Promise<number>;
  /** Waits until the text after `mark` satisfies `done`. */
  waitFor(mark: number, done: (text: string) => boolean, timeoutMs: number): Promise<string>;
  destroy(): Promise<void>;
  /** Present when started from the saved state. */
  canReset: boolean;
}

type Emulator = InstanceType<typeof V86>;

/**
 * A guest around an emulator. Reset builds a fresh emulator from the saved
 * state (v86's restore_state on a running emulator left the restored shell
 * deaf to input in our tests, and a new instance from an already compiled
 * module takes about as long).
 */
function makeGuest(first: Emulator, fresh: (() => Promise<Emulator>) | null): LabGuest {
  const listeners: ((text: string) => void)[] = [];
  const log = new OutputLog();
  let emulator = first;
  // Bytes arrive one by one; hand them on in batches (one per microtask).
  let pending = '';
  let scheduled = false;
  const listen = (em: Emulator) =>
    em.add_listener('serial0-output-byte', (byte: number) => {
      if (em !== emulator) return;
      pending += String.fromCharCode(byte);
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(() => {
          const chunk = pending;
          pending = '';
          scheduled = false;
          log.push(chunk);
          for (const l of listeners) l(chunk);
        });
      }
    });
  listen(first);
  const guest: LabGuest = {
    log,
    canReset: fresh !== null,
    onOutput: (l) => listeners.push(l),
    send: (text) => emulator.serial0_send(text),
    waitFor(mark, done, timeoutMs) {
      return new Promise((ok, bad) => {
        const t0 = performance.now();
        const tick = () => {
          const text = log.since(mark);
          if (done(text)) return ok(text);
          if (performance.now() - t0 > timeoutMs) return bad(new Error('the guest did not answer in time'));
          setTimeout(tick, 16);
        };
        tick();
      });
    },
    async reset() {
      if (!fresh) throw new Error('this guest was booted, not restored: it has no saved state to go back to');
      const t0 = performance.now();
      const old = emulator;
      await old.stop();
      emulator = await fresh();
      listen(emulator);
      void old.destroy();
      log.clear();
      const mark = log.end;
      emulator.serial0_send('\n');
      await guest.waitFor(mark, endsWithPrompt, 120_000);
      return performance.now() - t0;
    },
    destroy: () => emulator.destroy(),
  };
  return guest;
}

async function emulatorWasm(onBytes: (n: number) => void): Promise<ArrayBuffer> {
  return fetchBytes(v86WasmUrl, WASM_BYTES_ESTIMATE, onBytes);
}

const common = {
  memory_size: manifest.memoryMiB * 1024 * 1024,
  vga_memory_size: 2 * 1024 * 1024,
  autostart: true,
  disable_keyboard: true,
  disable_mouse: true,
  disable_speaker: true,
};

async function create(options: Record<string, unknown>, wasm: WebAssembly.Module): Promise<Emulator> {
  return withSameOriginWorkers(async () => {
    const emulator = new V86({
      ...common,
      ...options,
      wasm_fn: async (imports: WebAssembly.Imports) => (await WebAssembly.instantiate(wasm, imports)).exports,
    } as never);
    await new Promise<void>((ok) => emulator.add_listener('emulator-started', () => ok()));
    return emulator;
  });
}

export interface StartTimes {
  /** From pressing start to every file downloaded. */
  downloadMs: number;
  /** From the files being there to a working shell prompt (the restore target: about a second). */
  shellReadyMs: number;
}

/** Downloads the emulator and the saved state, restores it, and waits for a fresh prompt. */
export async function startFromState(
  onProgress: (p: Progress) => void,
): Promise<{ guest: LabGuest; times: StartTimes }> {
  const t0 = performance.now();
  const total = WASM_BYTES_ESTIMATE + manifest.files.state.bytes;
  let loaded = 0;
  const add = (n: number) => {
    loaded += n;
    onProgress({ loadedBytes: Math.min(loaded, total), totalBytes: total });
  };
  const [wasmBytes, state] = await Promise.all([
    emulatorWasm(add),
    fetchBytes(labFileUrl('state'), manifest.files.state.bytes, add),
  ]);
  const t1 = performance.now();
  const wasm = await WebAssembly.compile(wasmBytes);
  const fresh = () => create({ initial_state: { buffer: state.slice(0) } }, wasm);
  const guest = makeGuest(await fresh(), fresh);
  const mark = guest.log.end;
  guest.send('\n');
  await guest.waitFor(mark, endsWithPrompt, 120_000);
  return { guest, times: { downloadMs: t1 - t0, shellReadyMs: performance.now() - t1 } };
}

const BOOT_FILES: readonly LabFileKey[] = ['bios', 'vgabios', 'kernel', 'initrd'];

/** Downloads the emulator and the boot files (not timed as boot), then powers the PC on. */
export async function coldBoot(
  onProgress: (p: Progress) => void,
  onPowerOn: () => void,
): Promise<{ guest: LabGuest; downloadMs: number; bootMs: number }> {
  const t0 = performance.now();
  const total = WASM_BYTES_ESTIMATE + BOOT_FILES.reduce((s, k) => s + manifest.files[k].bytes, 0);
  let loaded = 0;
  const add = (n: number) => {
    loaded += n;
    onProgress({ loadedBytes: Math.min(loaded, total), totalBytes: total });
  };
  const [wasmBytes, bios, vgabios, kernel, initrd] = await Promise.all([
    emulatorWasm(add),
    ...BOOT_FILES.map((k) => fetchBytes(labFileUrl(k), manifest.files[k].bytes, add)),
  ]);
  const downloadMs = performance.now() - t0;
  onPowerOn();
  const t1 = performance.now();
  const wasm = await WebAssembly.compile(wasmBytes);
  const emulator = await create(
    {
      bios: { buffer: bios },
      vga_bios: { buffer: vgabios },
      bzimage: { buffer: kernel },
      initrd: { buffer: initrd },
      cmdline: manifest.cmdline,
    },
    wasm,
  );
  const guest = makeGuest(emulator, null);
  await guest.waitFor(0, (t) => t.includes('INIT-DONE') && endsWithPrompt(t), 600_000);
  return { guest, downloadMs, bootMs: performance.now() - t1 };
}
