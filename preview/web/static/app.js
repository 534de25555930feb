// tailor preview: tabs, width and dark-mode toggles, and live reload over
// server-sent events. Plain JavaScript, no dependencies.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var version = Number(document.body.dataset.version || 0);

  function store(k, v) { try { localStorage.setItem(k, v); } catch (e) {} }
  function stored(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }

  // The browser checks take seconds in Chromium: say so while they run.
  var browserForm = $("browser-form");
  if (browserForm) browserForm.addEventListener("submit", function () {
    $("run-browser").disabled = true;
    $("browser-status").textContent = "Running in Chromium: this takes a few seconds.";
  });

  // Tabs: arrow keys move between them, as in the WAI-ARIA tabs pattern.
  // The chosen tab is kept across reloads and recipients.
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  function select(tab) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    });
    store("tailor.tab", tab.id);
  }
  tabs.forEach(function (t, i) {
    t.tabIndex = t.getAttribute("aria-selected") === "true" ? 0 : -1;
    t.addEventListener("click", function () { select(t); });
    t.addEventListener("keydown", function (e) {
      var d = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (!d) return;
      var next = tabs[(i + d + tabs.length) % tabs.length];
      select(next); next.focus(); e.preventDefault();
    });
  });
  var keptTab = $(stored("tailor.tab") || "");
  if (keptTab && tabs.indexOf(keptTab) >= 0) select(keptTab);

  // Width survives live reloads through localStorage, dark mode through a
  // cookie: the server then loads the frame in dark mode from the start.
  var frame = $("email-frame");
  function setWidth(w) {
    if (!frame) return;
    frame.className = w;
    $("width-desktop").setAttribute("aria-pressed", String(w === "desktop"));
    $("width-mobile").setAttribute("aria-pressed", String(w === "mobile"));
    store("tailor.width", w);
  }
  function setDark(on) {
    if (!frame) return;
    var src = frame.dataset.src;
    var want = on ? src + (src.indexOf("?") < 0 ? "?" : "&") + "scheme=dark" : src;
    if (frame.getAttribute("src") !== want) frame.setAttribute("src", want);
    $("dark").setAttribute("aria-pressed", String(on));
    $("stage").classList.toggle("dark", on);
    document.cookie = "tailor_dark=" + (on ? "1" : "0") + "; path=/; SameSite=Strict";
  }
  if (frame) {
    $("width-desktop").addEventListener("click", function () { setWidth("desktop"); });
    $("width-mobile").addEventListener("click", function () { setWidth("mobile"); });
    $("dark").addEventListener("click", function () { setDark($("dark").getAttribute("aria-pressed") !== "true"); });
    setWidth(stored("tailor.width") === "mobile" ? "mobile" : "desktop");
  }

  // The JSON editor stays open, once opened, across reloads and recipients.
  var jsonEditor = $("json-editor");
  if (jsonEditor) {
    if (stored("tailor.json") === "open") jsonEditor.open = true;
    jsonEditor.addEventListener("toggle", function () { store("tailor.json", jsonEditor.open ? "open" : ""); });
  }

  // The switcher opens a recipient as soon as one of its suggestions is
  // chosen.
  var q = $("switch-q");
  if (q) q.addEventListener("change", function () {
    var opts = $("switch-list").options;
    for (var i = 0; i < opts.length; i++) {
      if (opts[i].value === q.value) { q.form.submit(); return; }
    }
  });

  // An unsaved profile edit is not thrown away by a live reload: the page
  // offers a button instead.
  var profile = $("profile");
  function changed(el) {
    if (el.tagName === "SELECT") {
      var def = 0; // with no option marked selected, the first is
      Array.prototype.forEach.call(el.options, function (o, i) { if (o.defaultSelected) def = i; });
      return el.selectedIndex !== def;
    }
    return el.type !== "hidden" && el.value !== el.defaultValue;
  }
  function editing() {
    var fields = document.querySelectorAll("#profile, #profile-form input, #profile-form select");
    return Array.prototype.some.call(fields, changed);
  }
  function offerReload(v) {
    failing = false;
    hideOverlay();
    var status = $("build-status");
    status.textContent = "Build " + v + " is ready ";
    var btn = document.createElement("button");
    btn.type = "button";
    btn.id = "reload-now";
    btn.textContent = "Reload";
    btn.addEventListener("click", function () { location.reload(); });
    status.appendChild(btn);
  }

  // The banner: a page that opens with an error shows it, scrolled into
  // view and focused, so that it is seen and read out.
  var first = document.querySelector("#banner .note-error, #banner .note-warn, #banner .note-ok");
  if (first) { first.scrollIntoView({block: "nearest"}); first.focus({preventScroll: true}); }

  // Live reload: reload on a newer good build, the build-error panel on a
  // failed one. Hidden, it can be opened again from the header.
  var overlay = $("overlay");
  var reopen = $("overlay-show");
  function hideOverlay() { overlay.hidden = true; reopen.hidden = !failing; }
  function showOverlay() { overlay.hidden = false; reopen.hidden = true; overlay.focus(); }
  var failing = false;
  $("overlay-hide").addEventListener("click", function () { hideOverlay(); reopen.focus(); });
  reopen.addEventListener("click", showOverlay);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !overlay.hidden) hideOverlay();
  });
  function showSnippet(lines) {
    var pre = $("overlay-snippet");
    pre.textContent = "";
    (lines || []).forEach(function (l) {
      var row = document.createElement("span");
      row.className = "src-line" + (l.bad ? " bad" : "");
      var n = document.createElement("span");
      n.className = "ln";
      n.setAttribute("aria-hidden", "true");
      n.textContent = l.n;
      row.appendChild(n);
      row.appendChild(document.createTextNode(l.text));
      pre.appendChild(row);
      pre.appendChild(document.createTextNode("\n"));
    });
    pre.hidden = !lines || !lines.length;
  }
  if (!window.EventSource) return;
  var es = new EventSource("/events");
  es.addEventListener("build", function (ev) {
    var b = JSON.parse(ev.data);
    if (!b.ok) {
      $("overlay-error").textContent = b.error;
      $("overlay-good").textContent = b.good;
      showSnippet(b.snippet);
      var was = failing;
      failing = true;
      if (!was) showOverlay();
      else reopen.hidden = !overlay.hidden;
      $("build-status").textContent = "Build " + b.version + " failed";
      return;
    }
    if (b.version > version || failing) {
      if (editing()) { offerReload(b.version); return; }
      es.close();
      location.reload();
    }
  });
})();
