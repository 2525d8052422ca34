// The editable demand curve: a small table of (time, demand) rows with add
// and remove. The points are ordinary (hidden) parameters of the table, so
// the URL, reset, presets and export treat them like every other setting;
// this editor draws them and shows their messages.
import type { WidgetModel } from '../kit/model.ts';
import { defaults, findParam, formatNumber } from '../kit/params.ts';
import { useNumberInputSync } from '../kit/use-number-input-sync.ts';
import { MAX_POINTS, MIN_POINTS, PARAMS, pointNames, SHAPE_POINTS, WIDGET_ID, type ParamName } from './params.ts';

type Model = WidgetModel<ParamName, unknown>;

const DEFAULTS = defaults(PARAMS);

/** A number cell that never overwrites what the reader is typing ("1." or ""), as the kit's fields do. */
function PointField({
  model,
  name,
  label,
  describedBy,
}: {
  model: Model;
  name: ParamName;
  label: string;
  describedBy?: string;
}) {
  const ref = useNumberInputSync(model, name);
  const p = findParam(PARAMS, name);
  if (!p) throw new Error(`traffic spike: no parameter named ${name}`);
  const value = model.valueSignal(name).value;
  return (
    <input
      ref={ref}
      type="number"
      name={name}
      id={`${WIDGET_ID}-${name}`}
      defaultValue={Number.isFinite(value) ? formatNumber(value) : ''}
      min={p.min}
      max={p.max}
      step={p.step}
      inputMode="decimal"
      aria-label={label}
      aria-describedby={describedBy}
      aria-invalid={model.issueFor(name) ? true : undefined}
      onInput={(e) => {
        const el = e.currentTarget;
        model.set(name, el.value === '' ? Number.NaN : el.valueAsNumber);
      }}
    />
  );
}

const POINT_PARAMS = PARAMS.filter((p) => p.group === 'Demand points').map((p) => p.name as string);

/** Whether the editor must show: the points shape is chosen, or a point has a message to show. */
export function pointsNeeded(model: Model): boolean {
  // Per-setting signals: dragging another slider does not redraw the (hidden) editor.
  return model.valueSignal('demandShape').value === SHAPE_POINTS || POINT_PARAMS.some((name) => model.issueFor(name));
}

export function PointsEditor({ model }: { model: Model }) {
  if (!pointsNeeded(model)) return null;
  const v = model.values.value;
  const count = Number.isInteger(v.pointCount) ? Math.min(MAX_POINTS, Math.max(MIN_POINTS, v.pointCount)) : MIN_POINTS;
  const issues = model.issues.value.filter((i) => i.param !== null && POINT_PARAMS.includes(i.param));
  const issueId = (name: string): string => `${WIDGET_ID}-${name}-issue`;
  const describedBy = (name: ParamName): string | undefined => (model.issueFor(name) ? issueId(name) : undefined);

  function add(): void {
    const last = pointNames(count - 1);
    const next = pointNames(count);
    const t = v[last.time];
    model.setMany({
      pointCount: count + 1,
      [next.time]: Number.isFinite(t) ? Math.min(86400, t + 60) : 0,
      [next.rps]: Number.isFinite(v[last.rps]) ? v[last.rps] : 0,
    });
  }

  function remove(row: number): void {
    // Later rows move up one; the freed last slot returns to its default.
    const changes: Partial<Record<ParamName, number>> = { pointCount: count - 1 };
    for (let i = row; i < count - 1; i++) {
      const to = pointNames(i);
      const from = pointNames(i + 1);
      changes[to.time] = v[from.time];
      changes[to.rps] = v[from.rps];
    }
    const freed = pointNames(count - 1);
    changes[freed.time] = DEFAULTS[freed.time];
    changes[freed.rps] = DEFAULTS[freed.rps];
    model.setMany(changes);
  }

  return (
    <fieldset class="vl-group vl-points" data-testid={`${WIDGET_ID}-points`}>
      <legend>Demand points</legend>
      <p class="vl-help" id={`${WIDGET_ID}-points-help`}>
        Demand runs in straight lines from point to point and stays flat before the first and after the last. Times must
        not decrease. Used with the demand shape “Your points”.
      </p>
      <div class="vl-table-wrap">
        <table class="vl-table">
          <caption>Your demand curve ({count} points)</caption>
          <thead>
            <tr>
              <th scope="col">Point</th>
              <th scope="col">
                Time <span class="vl-unit">(s)</span>
              </th>
              <th scope="col">
                Demand <span class="vl-unit">(req/s)</span>
              </th>
              <th scope="col">
                <span class="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: count }, (_, i) => {
              const n = pointNames(i);
              return (
                <tr>
                  <th scope="row">{i + 1}</th>
                  <td>
                    <PointField
                      model={model}
                      name={n.time}
                      label={`Point ${i + 1}: time (s)`}
                      describedBy={describedBy(n.time)}
                    />
                  </td>
                  <td>
                    <PointField
                      model={model}
                      name={n.rps}
                      label={`Point ${i + 1}: demand (req/s)`}
                      describedBy={describedBy(n.rps)}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => remove(i)}
                      disabled={count <= MIN_POINTS}
                      aria-label={`Remove point ${i + 1}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div class="vl-actions">
        <button type="button" onClick={add} disabled={count >= MAX_POINTS}>
          Add a point
        </button>
      </div>
      {issues.map((i, k) => (
        // A link and the core may both complain about one point: only the first carries the id.
        <p
          class="vl-error"
          id={i.param && issues.findIndex((j) => j.param === i.param) === k ? issueId(i.param) : undefined}
          role="alert"
        >
          {i.message}
        </p>
      ))}
    </fieldset>
  );
}
