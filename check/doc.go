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
//
// Rules (Finding.Rule) and severities:
//
//	caniemail/<slug>   warning: some target client does not support the feature;
//	                   info: some support it partly (caniemail's notes quoted).
//	                   One finding per feature and file, at its first use.
//	gmail-clip         warning from 90 KB, error over 102 KB of HTML
//	link-insecure      warning: http:// link or image
//	link-relative      error: relative link or image URL
//	link-empty         warning: href="" or href="#"
//	unsubscribe        error: no link whose text or href mentions unsubscribe
//	list-unsubscribe   warning: Options.ListUnsubscribe is false
//	preheader          warning: no hidden preview text, or over 150 characters
//	img-alt            error: <img> without alt (alt="" is fine)
//	html-lang          warning: <html> without lang
//	table-role         warning: layout tables without role="presentation" (once per file)
//	contrast           warning: static text colours below WCAG AA
//	contrast-dark      warning: the same under prefers-color-scheme: dark rules
//	mso-conditional    error: unbalanced <!--[if ...]> / <![endif]-->
//
// URLs holding template syntax (*|MERGE|*, {{ }}, {% %}, <% %>, %% %%)
// are not judged. A well-built email (tables, inline CSS, media queries)
// gets warnings and infos but no errors.
package check
