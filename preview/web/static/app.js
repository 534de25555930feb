// tailor preview: tabs, width and dark-mode toggles, and live reload over
// server-sent events. Plain JavaScript, no dependencies.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var version = Number(document.body.dataset.version || 0);

  // Tabs: arrow keys move between them, as in the WAI-ARIA tabs pattern.
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  function select(tab) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    });
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

  // Width survives live reloads through localStorage, dark mode through a
  // cookie: the server then loads the frame in dark mode from the start.
  var frame = $("email-frame");
  function store(k, v) { try { localStorage.setItem(k, v); } catch (e) {} }
  function stored(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }
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

  // An unsaved profile edit is not thrown away by a live reload: the page
  // offers a button instead.
  var profile = $("profile");
  function editing() { return !!profile && profile.value !== profile.defaultValue; }
  function offerReload(v) {
    overlay.hidden = true;
    var status = $("build-status");
    status.textContent = "Build " + v + " is ready ";
    var btn = document.createElement("button");
    btn.type = "button";
    btn.id = "reload-now";
    btn.textContent = "Reload";
    btn.addEventListener("click", function () { location.reload(); });
    status.appendChild(btn);
  }

  // Live reload: reload on a newer good build, overlay on a failed one.
  var overlay = $("overlay");
  $("overlay-hide").addEventListener("click", function () { overlay.hidden = true; });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !overlay.hidden) overlay.hidden = true;
  });
  if (!window.EventSource) return;
  var es = new EventSource("/events");
  es.addEventListener("build", function (ev) {
    var b = JSON.parse(ev.data);
    if (!b.ok) {
      $("overlay-error").textContent = b.error;
      $("overlay-good").textContent = b.good;
      var wasHidden = overlay.hidden;
      overlay.hidden = false;
      if (wasHidden) $("overlay-hide").focus();
      $("build-status").textContent = "Build " + b.version + " failed";
      return;
    }
    if (b.version > version || !overlay.hidden) {
      if (editing()) { offerReload(b.version); return; }
      es.close();
      location.reload();
    }
  });
})();
