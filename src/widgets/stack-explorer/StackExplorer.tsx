// The stack explorer island: the same apps as a VM stack and as a container
// stack, side by side, with what each layer costs and what is shared.
import { loadCore, type Core } from '../../sim/core.ts';
import { ChartFrame, createWidgetModel, useWidgetModel, WidgetShell } from '../kit/index.ts';
import { readInitial, type InitialProps } from '../kit/island-data.ts';
import { yieldToMain } from '../kit/yield-to-main.ts';
import { computeStacks, runTable, size, stackTable, summary, type StackResult } from './model.ts';
import { PARAMS, PRESETS, WIDGET_ID, type ParamName } from './params.ts';
import { StackDiagram } from './StackDiagram.tsx';

/** The result for the defaults, computed by the core at build time. */
type Props = InitialProps<StackResult>;

// Evaluating this island's code and hydrating it: two tasks, not one long one.
await yieldToMain();

export default function StackExplorer(props: Props) {
  const model = useWidgetModel(() =>
    createWidgetModel<ParamName, StackResult, Core>({
      id: WIDGET_ID,
      params: PARAMS,
      presets: PRESETS,
      initial: readInitial(props),
      engine: () => loadCore('placement'),
      compute: computeStacks,
    }),
  );
  const r = model.result.value;
  const words = summary(r);
  return (
    <WidgetShell
      model={model}
      title="Stack explorer: VMs and containers, layer by layer"
      summary={words}
      run={runTable(r)}
    >
      <dl class="vl-figures-inline">
        {r.stacks.map((s) => (
          <div>
            <dt>{s.id === 'vm' ? 'VMs:' : 'Containers:'}</dt>
            <dd>
              <span data-testid={`${s.id}-kernels`}>{s.kernels}</span> {s.kernels === 1 ? 'kernel' : 'kernels'},{' '}
              <span data-testid={`${s.id}-mem`} data-mib={s.aboveHostMemMiB}>
                {size(s.aboveHostMemMiB)}
              </span>{' '}
              memory and{' '}
              <span data-testid={`${s.id}-disk`} data-mib={s.aboveHostDiskMiB}>
                {size(s.aboveHostDiskMiB)}
              </span>{' '}
              disk above the host
            </dd>
          </div>
        ))}
      </dl>
      {/* Two narrow diagrams side by side that wrap to one column on small screens. */}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '1.5rem' }}>
        {r.stacks.map((s) => (
          <div style={{ flex: '1 1 15rem', minWidth: 0 }}>
            <ChartFrame
              id={`${WIDGET_ID}-${s.id}`}
              caption={
                s.id === 'vm'
                  ? `VM stack: hardware, one hypervisor, then a VMM process and a guest OS for each of the ${s.placed} apps.`
                  : r.containersInVm
                    ? `Container stack as Docker Desktop runs it: hardware, the host OS with its hypervisor, one Linux VM whose kernel all ${s.placed} containers share, the base layers stored once, then one app layer per app.`
                    : `Container stack: hardware, one host OS whose kernel all ${s.placed} containers share, the base layers stored once, then one app layer per app.`
              }
              table={stackTable(r, s)}
            >
              <StackDiagram id={`${WIDGET_ID}-${s.id}-chart`} stack={s} desc={words} />
            </ChartFrame>
          </div>
        ))}
      </div>
    </WidgetShell>
  );
}
