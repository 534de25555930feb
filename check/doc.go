// Package check lints one rendered HTML email for problems that show up
// in recipients' mail clients: features a target client does not support
// (from caniemail.com's data), size and link faults that clip or break the
// email, missing unsubscribe links and preheaders, accessibility faults
// (alt text, lang, layout tables, colour contrast in light and dark mode),
// and unbalanced Outlook conditional comments.
//
// HTML returns Findings; FormatText and FormatJSON print them.
//
// Workspace lints a whole tailor workspace: it renders every email for
// every fixture recipient, lints each HTML, traces each finding back to
// the module, template or stylesheet that wrote the element (by its
// literal attributes or text; what cannot be traced, such as the hidden
// preheader the engine adds, is placed on the email's template file),
// and merges the same finding across recipients into one with
// Finding.Recipients. It adds the workspace-logic rules below, read from
// the compiled Campaign and the source files as written.
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
// Workspace rules (Workspace only):
//
//	slot-fallback      error: a slot with no fallback module
//	module-unreachable warning: a module that can never be chosen: its
//	                   ends date is before the campaign clock, or it is
//	                   shadowed by a module tried first that matches
//	                   whenever it does (see unreachableFindings)
//	module-unexercised info: no fixture recipient gets the module
//	segment-untargeted info: no module condition or template reads it
//	token-no-fallback  warning: {{ .Profile.X }} printed without default,
//	                   coalesce, or, or an enclosing if/with on X, and a
//	                   fixture that gets the file lacks X (subjects
//	                   and preheaders included)
//	class-from-data    warning: a template action inside class="..."
//	outlook-conditional-unbalanced
//	                   error: the same as mso-conditional, in a source file
//	amp-invalid        error: an amp: true email whose AMP part was
//	                   dropped or fails validation (warning: no AMP part)
//	render             error: a fixture whose email does not render
//	fixtures           warning: no fixture recipients, nothing rendered
//
// Browser checks (BrowserHTML, BrowserWorkspace, BrowserMessage; tailor
// check --browser): a headless Chromium (StartBrowser) lays each email
// out offline at 320, 375, 414 and 600 px, light and dark, and the
// browser/* rules judge what it measured (see BrowserHTML). Elements are
// found again in the rendered HTML through a data-tailor-at attribute
// added to a copy that only the browser sees, then traced to their
// source file as above.
//
// Workspace and BrowserWorkspace lower the warnings that tailor.yaml's
// check.accept names (by rule and file pattern, with a reason) to infos
// that say so (Accept).
//
// URLs holding template syntax (*|MERGE|*, {{ }}, {% %}, <% %>, %% %%)
// are not judged. A well-built email (tables, inline CSS, media queries)
// gets warnings and infos but no errors.
package check
