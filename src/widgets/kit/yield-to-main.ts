// Lets the browser run other work (input, paint) before the caller goes on.
// Each island module awaits it at its top level, so evaluating the island's
// code and hydrating it are two main-thread tasks instead of one long one.
export function yieldToMain(): Promise<void> {
  if (typeof window === 'undefined') return Promise.resolve();
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
