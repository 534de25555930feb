// Package fast executes parsed text/template trees (and html/template
// trees once escaped) without text/template's reflection, for the node
// kinds, functions and escapers that tailor's templates use.
//
// Compile decides once, at load time, whether a tree can run here: a tree
// with any node, function or escaper this package does not know gives nil,
// and the caller keeps executing that template with text/template. At run
// time, Execute gives up (returns false) whenever the result might differ
// from text/template's, or on any error: the caller then discards what was
// written and runs text/template, which gives the exact output or the exact
// positioned error. So this package only ever has to be right on the
// success path, and tests compare it with text/template byte for byte.
package fast
