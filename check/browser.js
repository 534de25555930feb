// Measures the laid-out email for tailor check --browser. It judges
// nothing: it returns, for every visible element marked with
// data-tailor-at (its byte offset in the rendered HTML), what the Go side
// needs to judge it (see browser_rules.go).
(function () {
  "use strict";
  const MARK = "data-tailor-at";
  const rgba = (c) => {
    const m = /rgba?\(([^)]*)\)/.exec(c || "");
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter((s) => s !== "").map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat([1]);
  };
  const lum = (c) => {
    const ch = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const ratio = (a, b) => {
    const x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const hex = (c) => "#" + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
  // The canvas is dark when the page's used colour scheme is: its
  // initial text colour is then light.
  const rootColor = rgba(getComputedStyle(document.documentElement).color) || [0, 0, 0, 1];
  const canvas = lum(rootColor) > 0.5 ? [18, 18, 18, 1] : [255, 255, 255, 1];

  // background returns the colour el's box is painted on (its own
  // background included), or null under a background image.
  const bgCache = new Map();
  const background = (el) => {
    if (!el || el.nodeType !== 1) return canvas;
    if (bgCache.has(el)) return bgCache.get(el);
    const st = getComputedStyle(el);
    let under = background(el.parentElement);
    let out = under;
    if (under && st.backgroundImage && st.backgroundImage !== "none") out = null;
    else if (under) {
      const c = rgba(st.backgroundColor);
      if (c && c[3] > 0) out = over(c, under);
    }
    bgCache.set(el, out);
    return out;
  };
  const clipped = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const st = getComputedStyle(e);
      if (parseFloat(st.opacity) === 0) return true;
      if (st.overflow !== "visible" && (e.clientHeight === 0 || e.clientWidth === 0)) return true;
    }
    return false;
  };
  const visible = (el, r) =>
    r.width > 0 && r.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && !clipped(el);
  const ownText = (el) => {
    for (const n of el.childNodes) if (n.nodeType === 3 && n.data.trim() !== "") return true;
    return false;
  };
  const block = (el) => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      if (getComputedStyle(e).display !== "inline") return e;
    }
    return document.body;
  };
  // standalone: a link or button that is not a link inside a sentence
  const standalone = (el) => {
    if (getComputedStyle(el).display !== "inline") return true;
    return block(el).textContent.trim() === el.textContent.trim();
  };

  // box is el's rectangle grown to hold its descendants' (an inline link
  // around a block image is as large as the image to a finger)
  const box = (el) => {
    const r = el.getBoundingClientRect();
    let l = r.left, t = r.top, rt = r.right, b = r.bottom;
    for (const c of el.querySelectorAll("*")) {
      const q = c.getBoundingClientRect();
      if (q.width === 0 || q.height === 0) continue;
      if (rt - l === 0 || b - t === 0) { l = q.left; t = q.top; rt = q.right; b = q.bottom; continue; }
      l = Math.min(l, q.left); t = Math.min(t, q.top); rt = Math.max(rt, q.right); b = Math.max(b, q.bottom);
    }
    return { left: l, top: t, right: rt, bottom: b, width: rt - l, height: b - t };
  };

  const els = [];
  for (const el of document.querySelectorAll("[" + MARK + "]")) {
    const isTarget = (el.localName === "a" && el.hasAttribute("href")) || el.localName === "button";
    const r = isTarget ? box(el) : el.getBoundingClientRect();
    if (!visible(el, r)) continue;
    const st = getComputedStyle(el);
    const m = { at: +el.getAttribute(MARK), tag: el.localName, w: r.width, h: r.height };
    const parent = el.parentElement;
    if (parent && el.localName !== "body" && el.localName !== "html") {
      const pr = parent.getBoundingClientRect();
      const pst = getComputedStyle(parent);
      if (pst.overflowX === "visible" && pst.display !== "inline") {
        m.over = Math.max(0, r.right - pr.right, pr.left - r.left);
        m.parent = parent.localName;
      }
    }
    const bg = background(el);
    if (bg && ownText(el)) {
      const fg = rgba(st.color);
      if (fg) {
        const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight, 10) >= 700;
        const fgOn = over(fg, bg);
        m.text = { ratio: ratio(fgOn, bg), fg: hex(fgOn), bg: hex(bg), size: size, large: size >= 24 || (bold && size >= 18.66) };
      }
    }
    const own = rgba(st.backgroundColor);
    const under = background(parent);
    if (own && own[3] > 0 && bg && under) m.box = { ratio: ratio(bg, under), bg: hex(bg), under: hex(under) };
    if (isTarget) {
      m.target = { href: el.getAttribute("href") || "", standalone: standalone(el) };
    }
    if (el.localName === "img") m.img = { width: el.hasAttribute("width"), height: el.hasAttribute("height") };
    els.push(m);
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, els: els };
})()
