// The controls a parameter table describes: per numeric parameter a slider
// and a number field (labelled with the unit, help and any message wired
// through aria-describedby), grouped in fieldsets by `group`.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useEmbed } from './embed-context.ts';
import { HydrateLater } from './HydrateLater.tsx';
import type { WidgetModel } from './model.ts';
import { formatNumber, optionName, parseValueText, valueText, type Param } from './params.ts';
import { isSliderKey, keyStep } from './slider-keys.ts';
import { useNumberInputSync } from './use-number-input-sync.ts';

const LOG_STEPS = 1000;

/** Slider position (0..1000) ↔ value for `scale: 'log'`; offset by min so 0 works. */
export function logPosition(p: Param, value: number): number {
  const v = Math.min(p.max, Math.max(p.min, value));
  return Math.round((Math.log(v - p.min + 1) / Math.log(p.max - p.min + 1)) * LOG_STEPS);
}

export function logValue(p: Param, position: number): number {
  const raw = p.min - 1 + Math.exp((position / LOG_STEPS) * Math.log(p.max - p.min + 1));
  const stepped = Math.round(raw / p.step) * p.step;
  return Math.min(p.max, Math.max(p.min, Number(stepped.toPrecision(12))));
}

function withUnit(p: Param, v: number): string {
  return p.unit ? `${formatNumber(v)} ${p.unit}` : formatNumber(v);
}

interface ControlProps {
  model: WidgetModel;
  param: Param;
  idPrefix: string;
  /** Shown but not editable (an embed's `lock`). */
  locked?: boolean;
}

/** A number field that never overwrites what the reader is typing ("1." or ""). */
function NumberField({
  model,
  param: p,
  id,
  describedBy,
  invalid,
  locked,
}: {
  model: WidgetModel;
  param: Param;
  id: string;
  describedBy: string;
  invalid: boolean;
  locked?: boolean;
}) {
  const ref = useNumberInputSync(model, p.name);
  return (
    <input
      ref={ref}
      type="number"
      id={id}
      name={p.name}
      defaultValue={formatNumber(p.default)}
      min={p.min}
      max={p.max}
      step={p.step}
      inputMode={p.kind === 'integer' ? 'numeric' : 'decimal'}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      disabled={locked}
      onInput={(e) => {
        const el = e.currentTarget;
        model.set(p.name, el.value === '' ? Number.NaN : el.valueAsNumber);
      }}
    />
  );
}

export function ParamControl({ model, param: p, idPrefix, locked }: ControlProps) {
  const base = `${idPrefix}-${p.name}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const issue = model.issueFor(p.name);
  const describedBy = issue ? `${base}-help ${base}-issue` : `${base}-help`;
  // Its own setting only: dragging another slider does not redraw this control.
  const value = model.valueSignal(p.name).value;
  const kind = p.kind ?? 'number';
  const label = (
    <label id={`${base}-label`} for={base}>
      {p.label}
      {p.unit && <span class="vl-unit"> ({p.unit})</span>}
    </label>
  );
  let inputs: JSX.Element;
  if (kind === 'select') {
    inputs = (
      <select
        id={base}
        name={p.name}
        value={valueText(p, value)}
        aria-describedby={describedBy}
        disabled={locked}
        onChange={(e) => {
          const parsed = parseValueText(p, e.currentTarget.value);
          if ('value' in parsed) model.set(p.name, parsed.value);
        }}
      >
        {(p.options ?? []).map((o) => (
          <option value={optionName(o)}>{o.label}</option>
        ))}
      </select>
    );
  } else if (kind === 'boolean') {
    inputs = (
      <input
        type="checkbox"
        id={base}
        name={p.name}
        checked={value === 1}
        aria-describedby={describedBy}
        disabled={locked}
        onChange={(e) => model.set(p.name, e.currentTarget.checked ? 1 : 0)}
      />
    );
  } else {
    const log = p.scale === 'log';
    const clamped = Number.isFinite(value) ? Math.min(p.max, Math.max(p.min, value)) : p.default;
    inputs = (
      <div class="vl-param-inputs">
        <input
          type="range"
          data-param={p.name}
          min={log ? 0 : p.min}
          max={log ? LOG_STEPS : p.max}
          step={log ? 1 : p.step}
          value={log ? logPosition(p, clamped) : clamped}
          aria-labelledby={`${base}-label`}
          aria-describedby={describedBy}
          aria-valuetext={withUnit(p, clamped)}
          aria-invalid={issue ? true : undefined}
          disabled={locked}
          onKeyDown={(e) => {
            // Keys move to the next nice value (slider-keys.ts), not one of the 1000 log positions.
            if (!log || !isSliderKey(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
            e.preventDefault();
            const next = keyStep(p, model.values.peek()[p.name], e.key);
            if (next !== model.values.peek()[p.name]) model.set(p.name, next);
          }}
          onInput={(e) => {
            const pos = e.currentTarget.valueAsNumber;
            model.set(p.name, log ? logValue(p, pos) : pos);
          }}
        />
        <NumberField model={model} param={p} id={base} describedBy={describedBy} invalid={!!issue} locked={locked} />
      </div>
    );
  }
  return (
    <div
      class={issue ? 'vl-param vl-param-invalid' : 'vl-param'}
      data-param={p.name}
      data-locked={locked ? 'true' : undefined}
    >
      {label}
      {inputs}
      <p class="vl-help" id={`${base}-help`}>
        {p.help}
        {locked && ' (Fixed by this embed.)'}
      </p>
      {issue && (
        <p class="vl-error" id={`${base}-issue`} role="alert">
          {issue.message}
        </p>
      )}
    </div>
  );
}

function Groups({ model, params, prefix }: { model: WidgetModel; params: readonly Param[]; prefix: string }) {
  const lock = useEmbed()?.lock;
  const groups: { name: string | undefined; params: Param[] }[] = [];
  for (const p of params) {
    const g = groups.find((x) => x.name === p.group);
    if (g) g.params.push(p);
    else groups.push({ name: p.group, params: [p] });
  }
  return (
    <>
      {groups.map((g) =>
        g.name ? (
          // Each group hydrates in a task of its own (a widget may have dozens of controls).
          <HydrateLater as="fieldset" class="vl-group">
            <legend>{g.name}</legend>
            {g.params.map((p) => (
              <ParamControl model={model} param={p} idPrefix={prefix} locked={lock?.has(p.name)} />
            ))}
          </HydrateLater>
        ) : (
          g.params.map((p) => <ParamControl model={model} param={p} idPrefix={prefix} locked={lock?.has(p.name)} />)
        ),
      )}
    </>
  );
}

/** All controls of a model, grouped by `param.group` (in table order); `advanced` ones under "More settings"; `hidden` ones left to the widget. */
export function Controls({ model, idPrefix }: { model: WidgetModel; idPrefix?: string }) {
  const prefix = idPrefix ?? model.id;
  // An embed may hide chosen controls (its `hide` list).
  const embedHidden = useEmbed()?.hide;
  const shown = model.params.filter((p) => !embedHidden?.has(p.name));
  // Hidden parameters have an editor of the widget's own (params.ts `hidden`).
  const basic = shown.filter((p) => !p.advanced && !p.hidden);
  const advanced = shown.filter((p) => p.advanced && !p.hidden);
  // Open by itself when a hidden setting differs from its default or has a
  // message, so nothing that shapes the result is out of sight.
  const needed = advanced.some((p) => model.valueSignal(p.name).value !== p.default || model.issueFor(p.name));
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (needed) setOpen(true);
  }, [needed]);
  return (
    <div class="vl-controls">
      <Groups model={model} params={basic} prefix={prefix} />
      {advanced.length > 0 && (
        <details class="vl-more" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
          <summary>More settings{needed ? ' (changed)' : ''}</summary>
          <Groups model={model} params={advanced} prefix={prefix} />
        </details>
      )}
    </div>
  );
}
