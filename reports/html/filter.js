// kaudit report: filters and search. The page reads fully without this script; it only hides what
// does not match. Items are elements with data-f; their data-st / data-sev / data-prof / data-ns hold
// space-separated values ("-" is cluster scope). Rows (data-r) inside an item are filtered too, and
// an item with rows is shown when one of its rows is. The search matches an item's head (data-h)
// or its rows' text. Only textContent is read: nothing from the report is turned into markup.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  form.hidden = false;
  var fields = ['st', 'sev', 'prof', 'ns'];
  // The namespace choices come from the namespace table (so the page carries each name once).
  var nsSelect = form.elements.namedItem('ns');
  document.querySelectorAll('#namespace-table tr[data-ns]').forEach(function (tr) {
    var option = document.createElement('option');
    option.value = tr.getAttribute('data-ns');
    option.text = tr.querySelector('td').textContent;
    nsSelect.appendChild(option);
  });
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-f]'));
  var cache = new WeakMap();
  function text(el) {
    var t = cache.get(el);
    if (t === undefined) {
      t = (el.textContent || '').toLowerCase();
      cache.set(el, t);
    }
    return t;
  }
  function wanted() {
    var w = {};
    fields.forEach(function (k) {
      var el = form.elements.namedItem(k);
      if (el && el.value) w[k] = el.value;
    });
    var q = form.elements.namedItem('q');
    w.q = q ? q.value.trim().toLowerCase() : '';
    return w;
  }
  function attrsMatch(el, w) {
    for (var i = 0; i < fields.length; i++) {
      var k = fields[i];
      if (!w[k]) continue;
      var v = el.getAttribute('data-' + k);
      if (v !== null && (' ' + v + ' ').indexOf(' ' + w[k] + ' ') < 0) return false;
    }
    return true;
  }
  function apply() {
    var w = wanted();
    var shown = 0;
    items.forEach(function (item) {
      var head = item.querySelector('[data-h]') || item;
      var headHit = !w.q || text(head).indexOf(w.q) >= 0;
      var rows = item.querySelectorAll('[data-r]');
      var ok = attrsMatch(item, w);
      if (ok && rows.length) {
        var any = false;
        for (var i = 0; i < rows.length; i++) {
          var r = rows[i];
          var hit = attrsMatch(r, w) && (headHit || text(r).indexOf(w.q) >= 0);
          r.hidden = !hit;
          if (hit) any = true;
        }
        ok = any;
      } else if (ok) {
        ok = headHit || text(item).indexOf(w.q) >= 0;
      }
      item.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll('[data-count]').forEach(function (el) {
      var scope = document.getElementById(el.getAttribute('data-count'));
      if (!scope) return;
      var all = scope.querySelectorAll('[data-f]');
      var visible = 0;
      for (var i = 0; i < all.length; i++) if (!all[i].hidden) visible++;
      el.textContent = visible === all.length ? '' : visible + ' of ' + all.length + ' shown';
    });
    var out = document.getElementById('filter-count');
    if (out) out.textContent = shown + ' of ' + items.length + ' items shown';
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
  });
  form.addEventListener('reset', function () {
    setTimeout(apply, 0);
  });
  // Nothing is filtered at load: a large page opens without walking its items.
  var out = document.getElementById('filter-count');
  if (out) out.textContent = items.length + ' items';
})();
