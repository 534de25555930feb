// Package jsonstr writes strings as JSON, byte for byte as encoding/json
// does with SetEscapeHTML(false), without reflection: a batch writes a
// message's HTML and text parts into every JSONL line, and the renderer
// keeps a message's HTML in this form while it writes it.
package jsonstr
