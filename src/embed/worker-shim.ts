// Stands in for the global Worker inside /embed/virtlab.js (see
// src/integrations/embed-bundle.ts). A page cannot start a Worker from a
// script of another origin, and the bundle always sits on VirtLab's origin,
// not the host page's: so a cross-origin worker starts from a one-line blob
// module that imports the real one (CORS, like the bundle itself). Inside it,
// import.meta.url is still the real URL, so the wasm is found beside it.
export class CrossOriginWorker extends Worker {
  constructor(url: string | URL, options?: WorkerOptions) {
    const target = new URL(url, location.href);
    if (target.origin === location.origin) {
      super(target, options);
    } else {
      const source = new Blob([`import ${JSON.stringify(target.href)};\n`], { type: 'text/javascript' });
      super(URL.createObjectURL(source), { ...options, type: 'module' });
    }
  }
}
