// Package modules loads the content library of a workspace: one file per
// module under modules/<slot>/, in Markdown or HTML, with YAML front matter
// saying which recipients it targets. It converts Markdown to HTML once, at
// load time, so recipient data never passes through Markdown, and it picks
// the module that fills each slot for a recipient.
package modules
