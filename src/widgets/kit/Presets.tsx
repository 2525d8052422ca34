// Preset buttons. Each names its source in a tooltip that shows on hover and
// on keyboard focus (Escape hides it; so does focus leaving), and is the
// button's accessible description. At most one is pressed (model.activePresets).
import { useEmbed } from './embed-context.ts';
import { HydrateLater } from './HydrateLater.tsx';
import type { WidgetModel } from './model.ts';

export function Presets({ model, idPrefix }: { model: WidgetModel; idPrefix?: string }) {
  if (!model.presets.length) return null;
  const prefix = idPrefix ?? model.id;
  const active = model.activePresets.value;
  // In an embed, a preset that would change a locked parameter is unavailable.
  const lock = useEmbed()?.lock;
  const blocked = (values: Readonly<Record<string, number>>): boolean =>
    !!lock && Object.entries(values).some(([k, v]) => lock.has(k) && model.values.value[k] !== v);
  return (
    // A part of its own (HydrateLater): one button and tooltip per preset.
    <HydrateLater class="vl-presets" role="group" aria-label="Presets">
      <span class="vl-presets-label" aria-hidden="true">
        Presets:
      </span>
      {model.presets.map((p) => (
        <span class="vl-preset">
          <button
            type="button"
            aria-pressed={active.includes(p.id)}
            aria-describedby={`${prefix}-preset-${p.id}`}
            disabled={blocked(p.values as Record<string, number>)}
            onClick={() => model.applyPreset(p.id)}
            // Escape hides the tooltip until the pointer or focus comes back (WCAG 1.4.13).
            onKeyDown={(e) => {
              if (e.key === 'Escape') e.currentTarget.parentElement?.setAttribute('data-tip-closed', '');
            }}
            onFocus={(e) => e.currentTarget.parentElement?.removeAttribute('data-tip-closed')}
            onMouseEnter={(e) => e.currentTarget.parentElement?.removeAttribute('data-tip-closed')}
          >
            {p.label}
          </button>
          <span class="vl-tip" role="tooltip" id={`${prefix}-preset-${p.id}`}>
            {/* The note as written (readerSource's text): its reference links are the
                server-rendered notes' (SourceNote.astro), so the citation table stays off the page. */}
            Source: {p.source.trim()}
          </span>
        </span>
      ))}
    </HydrateLater>
  );
}
