// Package tmpltree walks and rewrites text/template parse trees: the passes
// tailor makes over a template's tree once, when it loads, before the
// executor compiles it (html/template makes its escaping pass the same
// way). Both the engine and the event templates of serve use it.
package tmpltree
