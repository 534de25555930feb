// Package executor runs tailor's compiled templates: the one way a template
// executes per recipient, and at load time too.
//
// Templates are parsed by text/template/parse (and escaped by html/template,
// whose contextual escaping inserts its escaper functions into the trees).
// Compile turns a tree into a Program once, when the workspace loads, and
// refuses there, with the template's line and column, anything it cannot
// run: an unknown template, a call with the wrong number of arguments, a
// literal of the wrong type, a function of a signature templates cannot
// call. Execute then runs the program for one recipient under a Budget: each
// range iteration, function call and template call spends a step, the
// deadline and the context are checked every few hundred steps, and a
// function whose result would be larger than the byte budget fails before
// it is called. A render that runs out of budget, or a function that fails
// or panics, ends with an *Error that names the line and column.
//
// The language is text/template's: if, else, with, range (over lists, maps
// and integers, with break and continue), variables, pipelines, template and
// block, the builtin functions but call, and the functions given in Config.
// Output matches text/template's and html/template's byte for byte; the
// tests compare them. Where tailor chose otherwise, it is documented on the
// function: a field of a missing value is missing too, not an error.
package executor
