// Package events turns a webhook event into the profile an email is
// rendered from. Its one job is the events: section of a workspace's
// tailor.yaml: which email each event name triggers, and how the event's
// payload merges into the recipient's profile (fields set, list entries
// appended, fields cleared).
//
// A value in merge or append may be any YAML value. A string that is one
// reference, such as "{{ .Event.total }}", "{{ .Profile.id }}" or
// "{{ .Now }}", takes the referenced value with its JSON type (a number
// stays a number, a list stays a list). Any other string holding "{{" is a
// text/template executed with .Event, .Profile and .Now (RFC 3339), and
// gives a string. Templates are parsed once, when the section is loaded.
//
// The workspace keeps the section as YAML (workspace.Section); FromConfig
// decodes it, so the engine never imports this package.
package events
