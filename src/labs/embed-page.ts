// The script of a lab's embed page (/embed/lab-<id>/): tells the host page
// when the lab is interactive and how tall it is (VirtLab's and the LTI
// resize messages, as the widget embeds do). It never moves focus.
import { ltiFrameResize, VERSION } from '../embed/messages.ts';

const framed = window.parent !== window;
const post = (message: unknown): void => {
  // Nothing here is secret, and the host may be any LMS: '*'.
  if (framed) window.parent.postMessage(message, '*');
};

const root = document.getElementById('vl-embed-root');
const frame = document.getElementById('vl-embed');
const id = root?.dataset.widget ?? '';

if (root && frame) {
  let last = -1;
  const sendHeight = (): void => {
    const rect = frame.getBoundingClientRect();
    const height = Math.ceil(rect.height);
    if (height === last) return;
    last = height;
    post({ type: 'virtlab:resize', version: VERSION, widget: id, height, width: Math.ceil(rect.width) });
    post(ltiFrameResize(height));
    try {
      (window as Window & { requestResize?: () => void }).requestResize?.();
    } catch {
      // Not in a frame-sizing iframe.
    }
  };
  new ResizeObserver(sendHeight).observe(frame);
  sendHeight();
  // The lab island sets data-hydrated once its buttons work.
  const ready = (): boolean => {
    if (root.querySelector('[data-vl-lab][data-hydrated="true"]') === null) return false;
    root.dataset.ready = 'true';
    post({ type: 'virtlab:ready', version: VERSION, widget: id });
    return true;
  };
  if (!ready()) {
    const watch = new MutationObserver(() => {
      if (ready()) watch.disconnect();
    });
    watch.observe(root, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
  }
}
