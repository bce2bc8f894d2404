/* penempatan web: search, filters and sorting of the tables (all rows are in the page; nothing is fetched),
   and the explanation panel. Text is only ever read from the page (textContent), never written as HTML. */
(function () {
  "use strict";
  var texts = new WeakMap();

  function rowText(row) {
    var t = texts.get(row);
    if (t === undefined) { t = row.textContent.toLowerCase().replace(/\s+/g, " "); texts.set(row, t); }
    return t;
  }

  function matches(row, words, selects) {
    var text = rowText(row);
    for (var w = 0; w < words.length; w++) { if (text.indexOf(words[w]) < 0) return false; }
    for (var s = 0; s < selects.length; s++) {
      var sel = selects[s], want = sel.value;
      if (!want) continue;
      var have = row.getAttribute("data-" + sel.getAttribute("data-kunci")) || "";
      if (want === "ada") { if (!have) return false; continue; }
      if (sel.hasAttribute("data-isi")) { if (have.indexOf(want) < 0) return false; continue; }
      if (have.split("|").indexOf(want) < 0) return false;
    }
    return true;
  }

  function filter(box) {
    var search = box.querySelector("[data-cari]");
    var words = search ? search.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var selects = box.querySelectorAll("select[data-kunci]");
    var rows = box.querySelectorAll("[data-baris]"), hits = [];
    for (var i = 0; i < rows.length; i++) { if (matches(rows[i], words, selects)) hits.push(rows[i]); }
    var perSel = box.querySelector("select.per"), per = perSel ? parseInt(perSel.value, 10) || 0 : 0;
    var pages = per ? Math.max(1, Math.ceil(hits.length / per)) : 1;
    var page = Math.min(Math.max(parseInt(box.dataset.hal || "0", 10), 0), pages - 1);
    box.dataset.hal = String(page);
    var from = per ? page * per : 0, to = per ? Math.min(from + per, hits.length) : hits.length;
    var show = new Set(hits.slice(from, to));
    for (var r = 0; r < rows.length; r++) { var hide = !show.has(rows[r]); if (rows[r].hidden !== hide) rows[r].hidden = hide; }
    var count = box.querySelector(".jumlah");
    if (count) {
      var what = hits.length === rows.length ? rows.length + " baris" : hits.length + " dari " + rows.length + " baris cocok";
      count.textContent = per && hits.length > per ? what + "; tampil " + (from + 1) + "–" + to : what;
    }
    var pos = box.querySelector(".posisi");
    if (pos) pos.textContent = "halaman " + (page + 1) + " dari " + pages;
    Array.prototype.forEach.call(box.querySelectorAll("[data-geser]"), function (b) {
      var step = parseInt(b.getAttribute("data-geser"), 10);
      b.disabled = page + step < 0 || page + step >= pages;
    });
  }

  function number(text) {
    var t = text.trim().replace(/\./g, "").replace(",", ".");
    return /^-?\d+(\.\d+)?$/.test(t) ? parseFloat(t) : null;
  }

  function sortBy(table, th) {
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var down = th.getAttribute("aria-sort") === "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keys = rows.map(function (r) {
      var c = r.cells[col], t = c ? c.textContent : "";
      return { row: r, n: number(t), t: t.toLowerCase() };
    });
    var numeric = keys.every(function (k) { return k.n !== null || k.t.trim() === ""; });
    keys.sort(function (a, b) {
      var d = numeric ? (a.n || 0) - (b.n || 0) : a.t.localeCompare(b.t, "id");
      return down ? -d : d;
    });
    var frag = document.createDocumentFragment();
    keys.forEach(function (k) { frag.appendChild(k.row); });
    body.appendChild(frag);
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", down ? "descending" : "ascending");
  }

  function init(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-saring]"), function (box) {
      if (box.dataset.siap) return;
      box.dataset.siap = "1";
      box.addEventListener("input", function (ev) {
        if (ev.target.matches("[data-cari]")) { box.dataset.hal = "0"; filter(box); }
      });
      box.addEventListener("change", function (ev) {
        if (ev.target.matches("select[data-kunci], select.per")) { box.dataset.hal = "0"; filter(box); }
      });
      box.addEventListener("click", function (ev) {
        var b = ev.target.closest("[data-geser]");
        if (!b) return;
        box.dataset.hal = String(parseInt(box.dataset.hal || "0", 10) + parseInt(b.getAttribute("data-geser"), 10));
        filter(box);
      });
      filter(box);
    });
    Array.prototype.forEach.call(root.querySelectorAll("table[data-urut] thead th"), function (th) {
      if (th.dataset.siap) return;
      th.dataset.siap = "1";
      th.tabIndex = 0;
      th.title = "Klik untuk mengurutkan";
      var go = function () {
        sortBy(th.closest("table"), th);
        var box = th.closest("[data-saring]");
        if (box) filter(box);
      };
      th.addEventListener("click", go);
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") go(); });
    });
  }

  /* Who records decisions: a name asked once per browser, kept in localStorage, sent with every htmx request
     (header X-Pencatat) and in the `pencatat` field of plain forms. */
  var NAME_KEY = "penempatan-pencatat";
  function signer() { try { return localStorage.getItem(NAME_KEY) || ""; } catch (e) { return ""; } }
  function showSigner(editing) {
    var box = document.getElementById("pencatat");
    if (!box) return;
    var name = signer(), ask = editing || !name;
    box.hidden = !name && !document.querySelector("[data-perlu-pencatat]");
    box.querySelector("[data-nama-ada]").hidden = ask;
    box.querySelector("[data-form-nama]").hidden = !ask;
    box.querySelector("[data-nama]").textContent = name;
    if (editing) { var input = box.querySelector("input[name=nama]"); input.value = name; input.focus(); }
    Array.prototype.forEach.call(document.querySelectorAll("input[name=pencatat]"), function (i) { i.value = name; });
  }
  document.addEventListener("submit", function (ev) {
    if (ev.target.matches("[data-form-nama]")) {
      ev.preventDefault();
      var name = ev.target.elements.nama.value.trim().replace(/\s+/g, " ");
      if (name) { try { localStorage.setItem(NAME_KEY, name); } catch (e) { /* private mode: asked again */ } }
      showSigner(false);
      return;
    }
    Array.prototype.forEach.call(ev.target.querySelectorAll("input[name=pencatat]"), function (i) { i.value = signer(); });
  }, true);
  document.addEventListener("htmx:configRequest", function (ev) {
    var name = signer();
    if (name) ev.detail.headers["X-Pencatat"] = encodeURIComponent(name);
  });

  /* The column chooser of a wide table: hidden columns are classes on the table (CSS hides them), kept per
     table in localStorage. */
  function initColumns(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-kolom-untuk]"), function (box) {
      if (box.dataset.siap) return;
      box.dataset.siap = "1";
      var table = document.getElementById(box.getAttribute("data-kolom-untuk")), key = "penempatan-kolom-" + table.id;
      var hidden = [];
      try { hidden = JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { hidden = []; }
      var boxes = box.querySelectorAll("input[type=checkbox]");
      function apply() {
        var off = [];
        Array.prototype.forEach.call(boxes, function (c) {
          table.classList.toggle("tanpa-" + c.value, !c.checked);
          if (!c.checked) off.push(c.value);
        });
        try { localStorage.setItem(key, JSON.stringify(off)); } catch (e) { /* not kept */ }
      }
      Array.prototype.forEach.call(boxes, function (c) { c.checked = hidden.indexOf(c.value) < 0; });
      box.addEventListener("change", apply);
      apply();
    });
  }

  var panel = function () { return document.getElementById("panel"); };
  document.addEventListener("click", function (ev) {
    if (ev.target.closest("[data-ganti-nama]")) showSigner(true);
    var a = ev.target.closest("[data-buka-panel]");
    if (a && panel()) { panel().hidden = false; }
    if (ev.target.closest("[data-tutup-panel]") && panel()) { panel().hidden = true; }
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && panel()) panel().hidden = true; });
  document.addEventListener("htmx:afterSwap", function (ev) {
    if (ev.detail.target && ev.detail.target.id === "panel-isi") { panel().hidden = false; panel().scrollTop = 0; }
    init(document);
  });
  document.addEventListener("DOMContentLoaded", function () {
    init(document);
    initColumns(document);
    showSigner(false);
    document.documentElement.setAttribute("data-siap", "1");
  });
})();
