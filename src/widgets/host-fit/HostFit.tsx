import { useEffect, useState } from 'preact/hooks';
import { loadCore, type Core } from '../../sim/core.ts';
import { SimError } from '../../sim/errors.ts';
import { compare, summary, type Comparison } from './model.ts';
import { DEFAULTS, PARAMS, type Values } from './params.ts';

interface Props {
  /** The result for the default values, computed by the core at build time. */
  initial: Comparison;
}

export default function HostFit({ initial }: Props) {
  const [values, setValues] = useState<Values>(DEFAULTS);
  const [result, setResult] = useState<Comparison>(initial);
  const [error, setError] = useState<SimError | null>(null);
  const [core, setCore] = useState<Core | null>(null);

  useEffect(() => {
    loadCore().then(setCore, (e: unknown) => setError(e instanceof SimError ? e : new SimError(0, 'wasm', String(e))));
  }, []);

  useEffect(() => {
    if (!core) return;
    try {
      setResult(compare(core, values));
      setError(null);
    } catch (e) {
      // Keep the last good result on screen; show why the new one failed.
      if (e instanceof SimError) setError(e);
      else throw e;
    }
  }, [core, values]);

  return (
    <div class="vl-widget not-content" data-widget="host-fit" data-ready={core ? 'true' : 'false'}>
      <div class="vl-controls">
        {PARAMS.map((p) => (
          <label key={p.name}>
            <span>
              {p.label} ({p.unit})
            </span>
            <input
              type="number"
              name={p.name}
              value={values[p.name]}
              min={p.min}
              max={p.max}
              step={p.step}
              aria-describedby={error?.field === p.name ? `host-fit-error` : undefined}
              onInput={(e) => setValues({ ...values, [p.name]: (e.currentTarget as HTMLInputElement).valueAsNumber })}
            />
          </label>
        ))}
      </div>
      {error && (
        <p class="vl-error" id="host-fit-error" role="alert">
          {error.message}
        </p>
      )}
      <p aria-live="polite" data-testid="host-fit-summary">
        {summary(result)}
      </p>
      <dl class="vl-figures">
        <dt>VMs</dt>
        <dd data-testid="vm-apps">{result.vm.apps}</dd>
        <dt>Containers</dt>
        <dd data-testid="container-apps">{result.container.apps}</dd>
        <dt>Memory on guest OSes</dt>
        <dd data-testid="vm-overhead">{Math.round(result.vm.overheadMemMiB)} MiB</dd>
      </dl>
    </div>
  );
}
