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

type FormControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * The controls of a server-rendered part that the reader changed before it
 * came to life (typed into, dragged, ticked), with what they hold now. The
 * server's value is the element's default (`defaultValue`, `defaultChecked`,
 * `defaultSelected`), so a difference is the reader's doing.
 */
function changedControls(root: HTMLElement): { el: FormControl; value: string; checked: boolean }[] {
  const out: { el: FormControl; value: string; checked: boolean }[] = [];
  for (const el of root.querySelectorAll<FormControl>('input, select, textarea')) {
    const changed =
      el instanceof HTMLSelectElement
        ? [...el.options].some((o) => o.selected !== o.defaultSelected)
        : el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')
          ? el.checked !== el.defaultChecked
          : el.value !== el.defaultValue;
    if (changed) out.push({ el, value: el.value, checked: el instanceof HTMLInputElement && el.checked });
  }
  return out;
}

/**
 * Gives those changes back after the part's render (which writes the model's
 * values into the nodes) and sends them through the part's own handlers, as
 * if the reader had made them now: nothing typed early is lost.
 */
function replay(changes: { el: FormControl; value: string; checked: boolean }[]): void {
  for (const { el, value, checked } of changes) {
    if (!el.isConnected) continue;
    const box = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');
    if (box) (el as HTMLInputElement).checked = checked;
    else el.value = value;
    el.dispatchEvent(new Event(box || el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  }
}

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
        if (!s.latest) return;
        const typed = changedControls(el);
        render(s.latest, el);
        replay(typed);
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
