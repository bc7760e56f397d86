// 关怀模式 and the `/` shortcut: see components/CareMode.astro. A file, not an inline script, so the
// portal's Content-Security-Policy can refuse every inline script (scripts/publisher/nginx.conf).
(function () {
  var root = document.documentElement,
    key = 'portal-care-mode';
  root.classList.add('js');
  try {
    if (localStorage.getItem(key) === '1') root.classList.add('care');
  } catch (e) {
    // Storage refused (private mode): care mode still works for this page.
  }
  function sync() {
    var on = root.classList.contains('care');
    document.querySelectorAll('[data-care-toggle]').forEach(function (b) {
      b.setAttribute('aria-pressed', String(on));
    });
  }
  document.addEventListener('DOMContentLoaded', sync);
  document.addEventListener('click', function (event) {
    if (!event.target.closest || !event.target.closest('[data-care-toggle]')) return;
    var on = root.classList.toggle('care');
    try {
      localStorage.setItem(key, on ? '1' : '0');
    } catch (e) {
      // Not remembered where storage is refused; the page still switches.
    }
    sync();
  });
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    var box = document.getElementById('site-search-q');
    if (box) {
      event.preventDefault();
      box.focus();
    }
  });
})();
