// Progressive enhancement of <Predict> activities (Predict.astro). Without
// this script an activity is a question with a <details> answer. With it, the
// answer stays hidden until the reader commits to a prediction or skips; the
// verdict goes to the activity's live region and focus moves to the answer;
// a link to a widget on the same page sets that widget without a reload.
import { applyUrlState } from '../widgets/kit/url-state.ts';

/** The verdict on a number prediction: within 10 % counts as close (a teaching choice, not a model figure). */
export function numberVerdict(guess: number, value: number, answer: string): string {
  const off = value === 0 ? Math.abs(guess) : Math.abs(guess - value) / Math.abs(value);
  if (off <= 0.1) return `Your prediction, ${guess}, is close: the widget shows ${answer}.`;
  return `Your prediction, ${guess}, is ${guess > value ? 'higher' : 'lower'} than what the widget shows: ${answer}.`;
}

function enhance(root: HTMLElement): void {
  const actions = root.querySelector<HTMLElement>('.vl-predict-actions');
  const details = root.querySelector<HTMLDetailsElement>('.vl-predict-answer');
  const status = root.querySelector<HTMLElement>('.vl-predict-status');
  const body = root.querySelector<HTMLElement>('.vl-predict-body');
  const commit = root.querySelector<HTMLButtonElement>('[data-vl-commit]');
  const skip = root.querySelector<HTMLButtonElement>('[data-vl-skip]');
  if (!actions || !details || !status || !body || !commit || !skip) return;
  const answer = root.dataset.answer ?? '';
  const inputs = [...root.querySelectorAll<HTMLInputElement>('input')];

  details.hidden = true;
  actions.hidden = false;
  root.dataset.state = 'asking';

  const reveal = (verdict: string): void => {
    for (const i of inputs) i.disabled = true;
    actions.hidden = true;
    details.hidden = false;
    details.open = true;
    status.textContent = `${verdict} The explanation follows.`;
    root.dataset.state = 'revealed';
    body.focus();
  };

  const check = (): void => {
    if (root.dataset.kind === 'choice') {
      const picked = inputs.find((i) => i.checked);
      if (!picked) {
        status.textContent = 'Choose one answer first, or skip to see it.';
        inputs[0]?.focus();
        return;
      }
      const label = picked.parentElement?.textContent?.trim() ?? '';
      const right = picked.value === root.dataset.correct;
      reveal(right ? `Yes: ${label}.` : `Not quite. You chose “${label}”; the widget shows: ${answer}.`);
    } else {
      const input = inputs[0];
      const raw = input?.value.trim() ?? '';
      const guess = Number(raw);
      if (!input || raw === '' || !Number.isFinite(guess)) {
        status.textContent = 'Type a number first, or skip to see the answer.';
        input?.focus();
        return;
      }
      reveal(numberVerdict(guess, Number(root.dataset.value), answer));
    }
  };

  commit.addEventListener('click', check);
  skip.addEventListener('click', () => reveal(`Skipped. The widget shows: ${answer}.`));
  for (const i of inputs)
    if (i.type === 'number')
      i.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          check();
        }
      });

  // Same-page links set the widget in place (no reload, the reader's answer stays).
  const link = root.querySelector<HTMLAnchorElement>('a[data-vl-state]');
  link?.addEventListener('click', (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const search = link.dataset.vlState === '?' ? '' : (link.dataset.vlState ?? '');
    const target = document.querySelector<HTMLElement>(new URL(link.href).hash);
    e.preventDefault();
    applyUrlState(window, search);
    target?.scrollIntoView({ block: 'start' });
  });
}

export function enhancePredictions(doc: Document): void {
  for (const root of doc.querySelectorAll<HTMLElement>('[data-vl-predict]')) {
    if (root.dataset.state) continue;
    enhance(root);
  }
}
