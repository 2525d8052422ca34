// Creates a widget's model once per island, binds it to the page URL (or,
// inside an embed, to the embed's settings and host page) and starts
// computing after hydration (server rendering only renders).
import { useEffect, useState } from 'preact/hooks';
import { useEmbed } from './embed-context.ts';
import type { WidgetModel } from './model.ts';
import { bindUrl } from './url-state.ts';

export function useWidgetModel<M extends WidgetModel<string, unknown>>(create: () => M): M {
  const [model] = useState(create);
  const embed = useEmbed();
  useEffect(() => {
    // An embed's settings come from its own URL or attributes, and it must
    // never rewrite the host page's address.
    const unbind = embed ? embed.bind(model) : bindUrl(model, window);
    void model.start();
    return () => {
      unbind();
      model.dispose();
    };
  }, [model, embed]);
  return model;
}
