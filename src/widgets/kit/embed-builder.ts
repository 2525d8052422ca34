// The "Embed this widget" panel is handed to the kit by the page, never
// imported by it: the panel (src/embed/EmbedBuilder.tsx) knows every widget,
// and every widget uses the kit, so a kit import of the panel would tie the
// kit, the panel and all widgets into one import cycle. Course pages provide
// it (src/embed/provide-builder.ts, from src/components/MarkdownContent.astro);
// inside an embed nobody does, and the shell never offers it there.
import type { FunctionComponent } from 'preact';
import type { WidgetModel } from './model.ts';

export interface EmbedBuilderProps {
  model: WidgetModel;
  title: string;
  onClose: () => void;
}

/** Loads the panel on first use, so pages do not pay for it up front. */
export type EmbedBuilderLoader = () => Promise<FunctionComponent<EmbedBuilderProps>>;

let provided: EmbedBuilderLoader | null = null;

export function provideEmbedBuilder(load: EmbedBuilderLoader): void {
  provided = load;
}

/** The page's panel; rejects with a reason a reader can act on when the page has none. */
export async function loadEmbedBuilder(): Promise<FunctionComponent<EmbedBuilderProps>> {
  // Page scripts are module scripts: all of them have run once the document is parsed.
  if (!provided && typeof document !== 'undefined' && document.readyState === 'loading')
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  if (!provided) throw new Error('this page does not offer it; open the widget’s page in the course');
  return provided();
}
