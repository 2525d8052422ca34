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
