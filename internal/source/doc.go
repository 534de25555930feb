// Package source reads workspace files the way every stage needs them: it
// splits YAML front matter from a body, decodes YAML, and reports every
// problem as "file:line:col: message" pointing into the original file.
package source
