// Hydrates one part of a widget in a task of its own, after the rest of the
// island. Hydrating a large island in one go (the traffic spike: five groups
// of controls and three charts) blocked a phone's main thread for over 100 ms
// at a time; in parts, no single task is that long. Meanwhile the part's
// server-rendered DOM stays as it is (Preact leaves the children of a
// `dangerouslySetInnerHTML` element alone while hydrating), and a Preact root
// of its own then hydrates those very nodes: nothing is replaced, so focus,
// typed text and open <details> survive. Where there is nothing to hydrate
// (rendered on the client, as in the embeds) the part renders at once.
import { signal, type Signal } from '@preact/signals';
import { createContext, h, hydrate, render, type ComponentChildren, type JSX } from 'preact';
import { useContext, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { EmbedContext, useEmbed } from './embed-context.ts';

/** Parts of one widget still waiting to hydrate; the shell provides it and is not "ready" before 0. */
export const LaterScope = createContext<Signal<number> | null>(null);

export function createLaterScope(): Signal<number> {
  return signal(0);
}

const PRESERVE = { __html: '' };

type Props = Omit<JSX.HTMLAttributes<HTMLElement>, 'children' | 'ref' | 'dangerouslySetInnerHTML'> & {
  as?: 'div' | 'figure' | 'fieldset';
  /** The part's own element (the inner root's container). */
  elementRef?: { current: HTMLElement | null };
  children: ComponentChildren;
};

type Phase = 'new' | 'waiting' | 'live' | 'gone';

export function HydrateLater({ as = 'div', elementRef, children, ...attrs }: Props) {
  const embed = useEmbed();
  const pending = useContext(LaterScope);
  const own = useRef<HTMLElement | null>(null);
  const [s] = useState(() => ({ phase: 'new' as Phase, first: null as JSX.Element | null, latest: null as JSX.Element | null }));
  // The inner root is a separate tree: pass the kit's contexts on.
  const inner = (
    <EmbedContext.Provider value={embed}>
      <LaterScope.Provider value={pending}>{children}</LaterScope.Provider>
    </EmbedContext.Provider>
  );

  useLayoutEffect(() => {
    const el = own.current;
    if (!el) return;
    s.latest = inner;
    if (s.phase === 'live') render(inner, el);
    else if (s.phase === 'new' && !el.firstChild) {
      s.phase = 'live';
      render(inner, el);
    } else if (s.phase === 'new') {
      s.phase = 'waiting';
      s.first = inner;
      if (pending) pending.value++;
      setTimeout(() => {
        if (s.phase !== 'waiting') return;
        // Hydrate with what matches the server's DOM, then show anything newer.
        hydrate(s.first!, el);
        s.phase = 'live';
        if (s.latest !== s.first) render(s.latest!, el);
        s.first = null;
        if (pending) pending.value--;
      }, 0);
    }
  });

  useEffect(
    () => () => {
      if (s.phase === 'waiting' && pending) pending.value--;
      if (s.phase === 'live' && own.current) render(null, own.current);
      s.phase = 'gone';
    },
    [],
  );

  const ref = (el: HTMLElement | null): void => {
    own.current = el;
    if (elementRef) elementRef.current = el;
  };
  // On the server the part renders in place, like any other element.
  if (typeof document === 'undefined') return h(as, { ...attrs, ref }, children);
  return h(as, { ...attrs, ref, dangerouslySetInnerHTML: PRESERVE });
}
