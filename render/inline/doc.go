// Package inline moves CSS from <style> elements into style attributes, the
// way email clients need it, and does it once per template rather than once
// per recipient.
//
// Document inlines a plain HTML document. It wraps go-premailer and repairs
// what go-premailer gets wrong for email: client-hack selectors, at-rules
// (@media, @font-face, @import, @keyframes, @supports), width attributes,
// !important and bgcolor.
//
// Mask and Unmask make a Go template safe to inline: every template action
// and every comment is replaced by a placeholder the HTML parser keeps in
// place, the masked document is inlined, and the actions are put back.
package inline
