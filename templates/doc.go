// Package templates loads a workspace's email templates (layouts, partials
// and one file per email, each with YAML front matter), checks their syntax
// with positions that point into the original files, and flattens each email
// into one document of text and template actions, ready for inlining.
//
// It also owns the safe function set that every tailor template sees: an
// allowlist drawn from sprig plus tailor's own truncate, money, date and
// link helpers.
package templates
