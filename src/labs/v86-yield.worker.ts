// v86's timer for its main loop, as a same-origin worker file. v86 builds
// this very worker from a blob: URL, which the site's content security policy
// (worker-src 'self') refuses; src/labs/emulator.ts hands v86 this file
// instead. The logic is v86's own (src/main.js, register_yield), unchanged:
// a delay under 1 ms answers at once, otherwise after a timeout.
let timer: ReturnType<typeof setTimeout> | undefined;
self.onmessage = (e: MessageEvent<{ t: number; tick: number }>) => {
  const { t, tick } = e.data;
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  if (t < 1) postMessage(tick);
  else timer = setTimeout(() => postMessage(tick), t);
};
