(function () {
  'use strict';
  // Progressive enhancement only: without this script every case is still listed and can be opened.
  var cases = Array.prototype.slice.call(document.querySelectorAll('details.case'));
  var controls = document.querySelector('.controls');
  var only = document.getElementById('only-failures');
  var count = document.getElementById('shown-count');
  if (!controls || !only || !count) return;
  controls.hidden = false;

  function applyFilter() {
    var shown = 0;
    cases.forEach(function (c) {
      c.hidden = only.checked && c.getAttribute('data-status') !== 'fail';
      if (!c.hidden) shown += 1;
    });
    count.textContent = only.checked ? 'Showing ' + shown + ' of ' + cases.length + ' cases' : '';
  }
  function setAll(open) {
    cases.forEach(function (c) { if (!c.hidden) c.open = open; });
  }
  only.addEventListener('change', applyFilter);
  document.getElementById('expand-all').addEventListener('click', function () { setAll(true); });
  document.getElementById('collapse-all').addEventListener('click', function () { setAll(false); });

  // A printed report shows every case, open; the screen state comes back afterwards.
  var saved = null;
  window.addEventListener('beforeprint', function () {
    saved = cases.map(function (c) { return [c.open, c.hidden]; });
    cases.forEach(function (c) { c.open = true; c.hidden = false; });
  });
  window.addEventListener('afterprint', function () {
    if (!saved) return;
    cases.forEach(function (c, i) { c.open = saved[i][0]; c.hidden = saved[i][1]; });
    saved = null;
  });

  // A link to #case-N (the advisories list, a shared URL) opens that case.
  function openTarget() {
    var el = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (el && el.tagName === 'DETAILS') { el.hidden = false; el.open = true; }
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
})();
