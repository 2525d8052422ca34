// Creates a widget's model once per island, binds it to the page URL and
// starts computing after hydration (server rendering only renders).
import { useEffect, useState } from 'preact/hooks';
import type { WidgetModel } from './model.ts';
import { bindUrl } from './url-state.ts';

export function useWidgetModel<M extends WidgetModel<string, unknown>>(create: () => M): M {
  const [model] = useState(create);
  useEffect(() => {
    const unbind = bindUrl(model, window);
    void model.start();
    return () => {
      unbind();
      model.dispose();
    };
  }, [model]);
  return model;
}
