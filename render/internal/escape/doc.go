// Package escape holds html/template's escaper functions, copied from Go's
// source, so the render engine can call them directly instead of through
// text/template's reflection. Each escaper gives exactly what
// html/template's gives for the same value (a differential test and a fuzz
// test keep it so), or reports that it cannot, and the caller then runs
// html/template itself.
package escape
