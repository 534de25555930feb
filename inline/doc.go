// Package inline moves CSS from <style> elements into style attributes, the
// way email clients need it, and does it once per template rather than once
// per recipient.
//
// Document inlines a plain HTML document with go-premailer
// (github.com/vanng822/go-premailer): its Transform matches the selectors,
// ranks the rules and merges them with each style attribute. This package
// wraps it and handles its known faults instead of inheriting them:
//
//   - before: the CSS is read here (errors name line:col), and what
//     go-premailer would drop or mangle is taken out and kept verbatim for
//     the head: at-rules (@media, @font-face, @import, @keyframes,
//     @supports), client-hack selectors (u + .body, [data-ogsc],
//     #MessageViewBody) and pseudo-classes; comments are protected;
//     declarations become tokens so values come back byte for byte;
//     selectors it drops (*, :lang, commas) get marker attributes;
//   - during: the rules go to go-premailer in passes, so that its rank
//     follows CSS specificity and a stylesheet !important beats the style
//     attribute (premailer.go);
//   - after: tokens are swapped back, var() is resolved, width, height,
//     bgcolor, align and valign attributes are added where missing (never
//     changed), and one <style> in the head holds what was kept.
//
// Mask and Unmask make a Go template safe to inline: every template action
// and every comment is replaced by a placeholder the HTML parser keeps in
// place, the masked document is inlined, and the actions are put back.
package inline
