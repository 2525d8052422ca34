// A terminal lab: guided steps beside a real Linux shell running in v86.
// Server-rendered with its steps and transcript (readable and searchable
// without JavaScript); the emulator, its wasm, the saved state and the
// terminal load only when the reader presses "Start the lab".
import { useEffect, useRef, useState } from 'preact/hooks';
import { type StepStatus, evaluate, shellIsIdle } from './checker.ts';
import {
  type LabDef,
  type LabStep,
  RACE_CONTAINER_COMMAND,
  RACE_CONTAINER_READY,
  SLOW_START_MS,
  SLOW_STEP_MS,
} from './labs.ts';
import { labDownloadBytes } from './assets.ts';

type Runtime = typeof import('./runtime.ts');
type Guest = import('./runtime.ts').LabGuest;
type Term = import('./runtime.ts').LabTerminal;

export interface RaceFigures {
  vmBootMs: number;
  vmLabel: string;
  containerStartMs: number;
  containerLabel: string;
}

export interface LabProps {
  /** The lab's steps, passed in (not looked up here) so a page's island carries only its own lab. */
  lab: LabDef;
  /** The Race lab's published figures (from the core's profiles, with their sources). */
  race?: RaceFigures;
}

type Phase = 'idle' | 'loading' | 'booting' | 'ready' | 'resetting' | 'error' | 'unsupported';

const fmtS = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const fmtMB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function Transcript({ lab, open }: { lab: LabDef; open: boolean }) {
  return (
    <details class="vl-lab-transcript" open={open}>
      <summary>Transcript of the expected session</summary>
      <p>
        What each step prints in this VM, for reading along or when your device cannot run the lab. Numbers such as
        process IDs and times vary from run to run.
      </p>
      {lab.steps.map((s) => (
        <div key={s.id} class="vl-lab-transcript-step">
          <pre>
            <code>{`lab# ${s.command}\n${s.expected}`}</code>
          </pre>
        </div>
      ))}
    </details>
  );
}

export default function Lab({ lab, race }: LabProps) {
  const isRace = lab.id === 'race';
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [message, setMessage] = useState('');
  const [slow, setSlow] = useState('');
  const [statuses, setStatuses] = useState<Record<string, { status: StepStatus; found?: string }>>({});
  const [times, setTimes] = useState<{ shellReadyMs?: number; downloadMs?: number; resetMs?: number }>({});
  const [raceResult, setRaceResult] = useState<{ bootMs?: number; containerMs?: number; elapsedMs?: number }>({});
  const termHost = useRef<HTMLDivElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const guest = useRef<Guest | null>(null);
  const term = useRef<Term | null>(null);
  const sessionStart = useRef(0);
  /** Steps run one after another (see run). */
  const queue = useRef<Promise<void>>(Promise.resolve());
  const statusRef = useRef(statuses);
  statusRef.current = statuses;

  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    setHydrated(true);
    if (typeof WebAssembly !== 'object' || typeof ReadableStream === 'undefined') setPhase('unsupported');
    return () => {
      term.current?.dispose();
      void guest.current?.destroy();
    };
  }, []);

  const setStep = (id: string, s: { status: StepStatus; found?: string }) =>
    setStatuses((prev) => ({ ...prev, [id]: s }));

  /** Appends the guest's output, as text, to the screen-reader log (bounded). */
  const toLog = (plain: string) => {
    const el = logRef.current;
    if (!el || !plain) return;
    el.append(plain);
    if ((el.textContent?.length ?? 0) > 20_000) el.textContent = (el.textContent ?? '').slice(-10_000);
  };

  /** Steps the reader typed by hand pass too: their expected output appears in the session. */
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;
  const sweep = () => {
    sweepTimer = undefined;
    const g = guest.current;
    if (!g) return;
    const text = g.log.since(sessionStart.current);
    for (const s of lab.steps) {
      const st = statusRef.current[s.id]?.status ?? 'idle';
      // Prompt-only checks ("c1# ") would match any prompt: those need the Run button.
      if ((st === 'idle' || st === 'fail') && !s.check.pass.endsWith('# $')) {
        const r = evaluate({ ...s.check, absent: undefined }, text);
        if (r.found && !s.check.absent) setStep(s.id, { status: 'pass', found: r.found });
      }
    }
  };

  const attach = (rt: Runtime, g: Guest) => {
    guest.current = g;
    const host = termHost.current;
    if (host && !term.current)
      term.current = rt.openTerminal(
        host,
        (data) => guest.current?.send(data),
        () => barRef.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus(),
      );
    g.onOutput((chunk) => {
      term.current?.write(chunk);
    });
    // The log gets plain text (escape sequences removed) as the checker sees it.
    let seen = g.log.end;
    g.onOutput(() => {
      const now = g.log.end;
      toLog(g.log.since(seen));
      seen = now;
      if (!sweepTimer) sweepTimer = setTimeout(sweep, 250);
    });
  };

  const start = async () => {
    setPhase('loading');
    setMessage('Downloading the emulator and the saved VM…');
    try {
      const rt: Runtime = await import('./runtime.ts');
      const onProgress = (p: { loadedBytes: number; totalBytes: number }) =>
        setProgress({ loaded: p.loadedBytes, total: p.totalBytes });
      if (isRace) {
        let timer: ReturnType<typeof setInterval> | undefined;
        const { guest: g, bootMs } = await rt.coldBoot(onProgress, () => {
          setPhase('booting');
          setMessage('Power on: the emulated PC is booting Linux…');
          const t0 = performance.now();
          timer = setInterval(() => setRaceResult({ elapsedMs: performance.now() - t0 }), 100);
        });
        clearInterval(timer);
        attach(rt, g);
        term.current?.write(g.log.all.replace(/\n/g, '\r\n'));
        setRaceResult({ bootMs });
        setMessage(`Booted in ${fmtS(bootMs)}. Starting a container inside it…`);
        const mark = g.log.end;
        const t0 = performance.now();
        g.send(`${RACE_CONTAINER_COMMAND}\n`);
        await g.waitFor(mark, (t) => RACE_CONTAINER_READY.test(t), 600_000);
        const containerMs = performance.now() - t0;
        setRaceResult({ bootMs, containerMs });
        setStep('container', { status: 'pass', found: 'CONTAINER-UP-1' });
        setPhase('ready');
        setMessage('Done. The shell is yours: type freely.');
        return;
      }
      const { guest: g, times: t } = await rt.startFromState(onProgress);
      attach(rt, g);
      sessionStart.current = g.log.end;
      term.current?.write('lab# ');
      setTimes({ shellReadyMs: t.shellReadyMs, downloadMs: t.downloadMs });
      setPhase('ready');
      setMessage(`The VM is running (shell ready ${fmtS(t.shellReadyMs)} after the download). Run a step or type.`);
      if (t.shellReadyMs > SLOW_START_MS)
        setSlow(
          `Your device took ${fmtS(t.shellReadyMs)} to start the VM, where a typical laptop takes about a second: commands will be slow too. The transcript below shows what each step prints.`,
        );
    } catch (e) {
      setPhase('error');
      setMessage(`The lab could not start: ${(e as Error).message}. The transcript below shows the expected session.`);
    }
  };

  const reset = async () => {
    const g = guest.current;
    if (!g) return;
    setPhase('resetting');
    setMessage('Restoring the saved state…');
    term.current?.clear();
    if (logRef.current) logRef.current.textContent = '';
    try {
      const ms = await g.reset();
      sessionStart.current = g.log.end - 'lab# '.length;
      setStatuses({});
      setTimes((t) => ({ ...t, resetMs: ms }));
      setPhase('ready');
      setMessage(`Reset: a fresh VM in ${fmtS(ms)}.`);
    } catch (e) {
      setPhase('error');
      setMessage(`Reset failed: ${(e as Error).message}`);
    }
  };

  const run = (step: LabStep) => {
    const g = guest.current;
    if (!g || phase !== 'ready') return;
    setStep(step.id, { status: 'running' });
    // One step at a time, each sent only when the shell is back at its prompt:
    // a command typed ahead would take the previous command's prompt for its
    // own and be judged before it ran (seen on busy machines).
    queue.current = queue.current.then(() => runNow(g, step));
  };

  const runNow = async (g: Guest, step: LabStep) => {
    try {
      await g.waitFor(g.log.end, () => shellIsIdle(g.log), 900_000);
    } catch {
      setStep(step.id, { status: 'fail' });
      return;
    }
    if (g !== guest.current) return;
    const mark = g.log.end;
    const t0 = performance.now();
    g.send(`${step.command}\n`);
    const slowTimer = setTimeout(
      () =>
        setSlow(
          `This step has been running for ${fmtS(SLOW_STEP_MS)}: your device runs the emulated PC slowly. You can wait, or read the transcript below.`,
        ),
      SLOW_STEP_MS,
    );
    try {
      const text = await g.waitFor(mark, (t) => evaluate(step.check, t).status !== 'running', 900_000);
      const r = evaluate(step.check, text);
      setStep(step.id, r);
      if (performance.now() - t0 < SLOW_STEP_MS) clearTimeout(slowTimer);
    } catch {
      setStep(step.id, { status: 'fail' });
    }
  };

  const copy = (text: string) => {
    void navigator.clipboard?.writeText(text).then(
      () => setMessage('Command copied.'),
      () => setMessage('Copying was refused by the browser; select the command instead.'),
    );
  };

  const running = phase === 'ready';
  const started = phase !== 'idle' && phase !== 'unsupported';

  return (
    <section
      class="vl-lab not-content"
      data-vl-lab={lab.id}
      data-phase={phase}
      data-hydrated={hydrated ? 'true' : 'false'}
      data-shell-ready-ms={times.shellReadyMs !== undefined ? Math.round(times.shellReadyMs) : undefined}
      data-reset-ms={times.resetMs !== undefined ? Math.round(times.resetMs) : undefined}
      data-vm-boot-ms={raceResult.bootMs !== undefined ? Math.round(raceResult.bootMs) : undefined}
      data-container-start-ms={raceResult.containerMs !== undefined ? Math.round(raceResult.containerMs) : undefined}
      aria-label={`${lab.title} lab`}
    >
      <div class="vl-lab-bar" ref={barRef}>
        {!started && (
          <button type="button" class="vl-lab-start" onClick={start} disabled={phase === 'unsupported'}>
            {isRace ? 'Start the race' : 'Start the lab'}
          </button>
        )}
        {!started && phase !== 'unsupported' && (
          <span class="vl-lab-note">
            Downloads about {fmtMB(labDownloadBytes(isRace))} once (an emulator and{' '}
            {isRace ? 'a Linux kernel' : 'a saved Linux VM'}); afterwards it also works offline.
          </span>
        )}
        {phase === 'unsupported' && (
          <span class="vl-lab-note">
            This browser cannot run the lab (it needs WebAssembly). The transcript below shows the session.
          </span>
        )}
        {phase === 'loading' && progress && (
          <progress max={progress.total} value={progress.loaded} aria-label="Download progress">
            {Math.round((100 * progress.loaded) / progress.total)} %
          </progress>
        )}
        {!isRace && (phase === 'ready' || phase === 'resetting') && (
          <button type="button" onClick={reset} disabled={phase !== 'ready'}>
            Reset the VM
          </button>
        )}
        <span class="vl-lab-status" role="status">
          {message}
        </span>
      </div>
      {slow && (
        <p class="vl-lab-slow" role="alert">
          {slow}
        </p>
      )}
      {isRace && race && <RaceResults race={race} result={raceResult} phase={phase} />}
      <div class="vl-lab-grid">
        <div class="vl-lab-terminal" data-started={started ? 'true' : 'false'}>
          <div ref={termHost} class="vl-lab-xterm" />
          {!started && (
            <p class="vl-lab-placeholder">
              The terminal appears here: a root shell in a Linux VM that runs in your browser, with no server and no
              network.
            </p>
          )}
          <p class="vl-lab-help">Click the terminal to type. Escape leaves it (Tab completes inside).</p>
        </div>
        <ol class="vl-lab-steps">
          {lab.steps.map((s, i) => {
            const st = statuses[s.id] ?? { status: 'idle' as StepStatus };
            return (
              <li key={s.id} data-step={s.id} data-status={st.status}>
                <p class="vl-lab-step-title">
                  <strong>
                    {i + 1}. {s.title}
                  </strong>
                </p>
                <pre class="vl-lab-command">
                  <code>{s.command}</code>
                </pre>
                {!isRace && (
                  <p class="vl-lab-actions">
                    <button type="button" onClick={() => run(s)} disabled={!running} aria-label={`Run step ${i + 1}`}>
                      Run
                    </button>
                    <button
                      type="button"
                      onClick={() => copy(s.command)}
                      aria-label={`Copy the command of step ${i + 1}`}
                    >
                      Copy
                    </button>
                  </p>
                )}
                <p class="vl-lab-look">{s.look}</p>
                <p class="vl-lab-result" aria-live="polite">
                  {st.status === 'running' && 'Running…'}
                  {st.status === 'pass' && `✓ Worked${st.found ? `: ${st.found}` : ''}`}
                  {st.status === 'fail' && `✗ Not yet. ${s.check.hint}`}
                </p>
              </li>
            );
          })}
        </ol>
      </div>
      <div
        class="sr-only"
        role="log"
        aria-live="polite"
        aria-label="Terminal output as text"
        data-vl-lab-log
        ref={logRef}
      />
      <Transcript lab={lab} open={phase === 'unsupported' || phase === 'error' || slow !== ''} />
    </section>
  );
}

function RaceResults({
  race,
  result,
  phase,
}: {
  race: RaceFigures;
  result: { bootMs?: number; containerMs?: number; elapsedMs?: number };
  phase: Phase;
}) {
  const ratio = result.bootMs && result.containerMs ? result.bootMs / result.containerMs : undefined;
  const published = race.vmBootMs / race.containerStartMs;
  return (
    // Scrolls on a narrow screen (lab.css), so it takes keyboard focus, as the widgets' tables do.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take keyboard focus (axe: scrollable-region-focusable)
    <section class="vl-lab-race-wrap" tabIndex={0} aria-label="Boot race figures">
      <table class="vl-lab-race">
        <caption>Boot a VM or start a container: your device against the published figures</caption>
        <thead>
          <tr>
            <th scope="col">
              <span class="sr-only">Where</span>
            </th>
            <th scope="col">VM: power-on to shell</th>
            <th scope="col">Container: start to first output</th>
            <th scope="col">Ratio</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Measured here (emulated PC in your browser)</th>
            <td data-race="vm">
              {result.bootMs !== undefined
                ? fmtS(result.bootMs)
                : phase === 'booting' && result.elapsedMs !== undefined
                  ? `${fmtS(result.elapsedMs)}…`
                  : '–'}
            </td>
            <td data-race="container">{result.containerMs !== undefined ? fmtS(result.containerMs) : '–'}</td>
            <td data-race="ratio">{ratio !== undefined ? `${ratio.toFixed(0)}×` : '–'}</td>
          </tr>
          <tr>
            <th scope="row">Published (real hardware)</th>
            <td>
              {fmtS(race.vmBootMs)} <small>({race.vmLabel})</small>
            </td>
            <td>
              {fmtS(race.containerStartMs)} <small>({race.containerLabel})</small>
            </td>
            <td>{published.toFixed(0)}×</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
