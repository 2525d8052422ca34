// Brings one part of a widget to life in a task of its own, after the rest of
// the island. Hydrating a large island in one go (the traffic spike: five
// groups of controls and three charts) blocked a phone's main thread for over
// 100 ms at a time; in parts, no single task is that long. Meanwhile the
// part's server-rendered DOM stays as it is (Preact leaves the children of a
// `dangerouslySetInnerHTML` element alone while hydrating). Then a Preact
// root of its own renders the part over those very nodes: Preact reuses them
// and, reading their attributes, updates whatever changed since the server
// rendered them (a setting from the page's link, a preset clicked early;
// plain hydration would leave such attributes stale). No node is replaced, so
// focus and open <details> survive. Where there is nothing to reuse
// (rendered on the client, as in the embeds) the part renders at once.
import { signal, type Signal } from '@preact/signals';
import { createContext, h, render, type ComponentChildren, type JSX } from 'preact';
import { useContext, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { EmbedContext, useEmbed } from './embed-context.ts';

/** Parts of one widget still waiting to hydrate; the shell provides it and is not "ready" before 0. */
export const LaterScope = createContext<Signal<number> | null>(null);

/** True inside a part: a part within a part renders in place (see below). */
const InPart = createContext(false);

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
  // Rendering a part over existing nodes applies `dangerouslySetInnerHTML`
  // (only hydration leaves it alone), which would wipe a part inside it: an
  // inner part is simply part of the outer one.
  const nested = useContext(InPart);
  const [s] = useState(() => ({ phase: 'new' as Phase, latest: null as JSX.Element | null }));
  // The inner root is a separate tree: pass the kit's contexts on.
  const inner = (
    <EmbedContext.Provider value={embed}>
      <LaterScope.Provider value={pending}>
        <InPart.Provider value={true}>{children}</InPart.Provider>
      </LaterScope.Provider>
    </EmbedContext.Provider>
  );

  useLayoutEffect(() => {
    const el = own.current;
    if (!el || nested) return;
    s.latest = inner;
    if (s.phase === 'live') render(inner, el);
    else if (s.phase === 'new' && !el.firstChild) {
      s.phase = 'live';
      render(inner, el);
    } else if (s.phase === 'new') {
      s.phase = 'waiting';
      if (pending) pending.value++;
      setTimeout(() => {
        if (s.phase !== 'waiting') return;
        render(s.latest!, el);
        s.phase = 'live';
        if (pending) pending.value--;
      }, 0);
    }
  });

  useEffect(
    () => () => {
      if (s.phase === 'waiting' && pending) pending.value--;
      if (s.phase === 'live' && own.current && !nested) render(null, own.current);
      s.phase = 'gone';
    },
    [],
  );

  const ref = (el: HTMLElement | null): void => {
    own.current = el;
    if (elementRef) elementRef.current = el;
  };
  // On the server (and within another part) the part renders in place, like any other element.
  if (typeof document === 'undefined' || nested) return h(as, { ...attrs, ref }, children);
  return h(as, { ...attrs, ref, dangerouslySetInnerHTML: PRESERVE });
}
