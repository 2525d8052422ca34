// Registers VirtLab's service worker, which sits beside this file at the
// site's base, so it works under any sub-path. Pages opened from disk
// (file:) cannot use a service worker and are left alone.
(function () {
  var script = document.currentScript;
  if (!script || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
  var base = new URL('.', script.src);
  window.addEventListener('load', function () {
    navigator.serviceWorker.register(new URL('sw.js', base).href, { scope: base.pathname }).catch(function (err) {
      console.warn('VirtLab: offline support is unavailable:', err);
    });
  });
})();
