// Package preview is the marketers' preview server: a small web app over a
// live workspace. Its one job is to show, in a browser, exactly what each
// recipient will get from the same engine batch uses (render.Campaign), and
// to keep that view current as the workspace's files change.
//
// Pages: the index (emails x fixture recipients, with the subject and
// preheader each gets), a recipient page (a switcher by name, email or ID,
// previous/next and the same person in the other emails; the HTML in a
// sandboxed iframe, AMP, text, raw source and MIME tabs, desktop or mobile
// width, dark mode, the segments and the explain of each slot, the check
// findings grouped, on demand with the browser checks of a headless
// Chromium started at the first use and stopped by Close, a profile form for the schema's fields with a JSON
// editor behind it, which re-renders a changed profile without touching
// disk unless it is saved as a new fixture, and a send-test form), the
// decision matrix of an email (membership, variants and modules decided
// apart from rendering, by segment and by recipient, each with its reason),
// the workspace's checks grouped and deduplicated with links to a source
// page, and the workspace's assets: folder, which the email frame's images
// use in place of their public URLs.
//
// With an audience store (Options.Store), the index and the switcher list
// its first recipients after the fixtures, the switcher finds any by exact
// ID or address, and a stored recipient's page (/email/NAME/s/ID) renders
// their stored profile typed as render --from-store types it, marks them
// suppressed when they are, and shows their timeline: events, transitions,
// jobs of triggers and sends with outcomes, newest first, bounded.
//
// Live reload comes from package reload: every build is pushed to open
// pages over server-sent events; a failed build shows a panel at the top
// with its file:line:col and source line (hidden, it opens again from the
// header) while the last good build keeps being served. Errors and results
// of the page itself (a refused edit, a failed render, rule and data
// errors, a sent test) show in one banner at the top, announced to screen
// readers, each with its source line.
//
// Security: every asset is embedded; emails and recipients are looked up by
// name in known sets only; the email document is served with a strict
// Content-Security-Policy into an iframe with sandbox="" (no scripts, an
// opaque origin); request bodies are size-limited; every POST carries a
// per-server CSRF token and must come from the same origin; with an auth
// token set, every request must carry it (see Options.AuthToken).
package preview
