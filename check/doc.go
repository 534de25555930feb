// Package check lints one rendered HTML email for problems that show up
// in recipients' mail clients: features a target client does not support
// (from caniemail.com's data), size and link faults that clip or break the
// email, missing unsubscribe links and preheaders, accessibility faults
// (alt text, lang, layout tables, colour contrast in light and dark mode),
// and unbalanced Outlook conditional comments.
//
// HTML returns Findings; FormatText and FormatJSON print them. Workspace
// checks (slots, modules, segments) produce the same Finding type, so one
// report can hold both.
package check
