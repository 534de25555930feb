package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// help is what a command's --help says: its synopsis, the words after
// "tailor NAME" in the README's Commands section, line for line
// (TestHelpMatchesReadme holds them equal), and what it does.
type help struct {
	synopsis, about string
}

// helpOf returns the help of a command by its name ("render", "schema
// check", "amp validate").
func helpOf(name string) (help, bool) {
	switch name {
	case "render":
		return help{"[--workspace DIR] [--email NAME] [--recipients FILE|- | --sources] [--format jsonl|eml|files]\n" +
			"[--out DIR] [--now RFC3339] [--workers N] [--resume] [--shard i/n] [--max-record BYTES] [--strict] [--quiet]",
			"Renders every email (or each --email) for every recipient, in input order: JSON lines\n" +
				"to stdout, or .eml files or the parts as files under --out; see docs/batch.md.\n" +
				"Exit status 1 when a recipient failed (see failures.jsonl)."}, true
	case "preview":
		return help{"[--workspace DIR] [--addr 127.0.0.1:8025]",
			"Serves the live preview for marketers: every email for every fixture, the decision\n" +
				"matrix, checks and send-test; see docs/preview.md."}, true
	case "serve":
		return help{"[--workspace DIR] [--addr 127.0.0.1:8080]",
			"Serves the render API and the event webhooks (POST /v1/render, /v1/events/NAME);\n" +
				"see docs/serve.md."}, true
	case "check":
		return help{"[--workspace DIR | FILE.html...] [--clients LIST] [--format text|json] [--strict] [--browser]",
			"With no FILE, lints every email of the workspace (default: the built-in example) for every\n" +
				"fixture recipient, and the workspace's logic (slots, modules, segments, tokens); see docs/check.md.\n" +
				"A FILE (- reads standard input) is linted as plain HTML: client support\n" +
				"(caniemail.com data, MIT; see --licenses), size, links, unsubscribe link, preheader,\n" +
				"accessibility, Outlook conditional comments.\n" +
				"Exit status 1 when there are errors (or warnings with --strict)."}, true
	case "test":
		return help{"[--workspace DIR] [--update] [--screenshots] [--now RFC3339]",
			"Renders every email for every fixture recipient (testdata/recipients/) and compares each\n" +
				"part with testdata/golden/<email>/<recipient>.txtar, printing a unified diff per changed part.\n" +
				"Exit status 1 when a case differs, is missing, fails to render, or a golden is stale."}, true
	case "segments":
		return help{"[--workspace DIR] [--recipients FILE] [--explain ID] [--matrix] [--sources]",
			"Reports segment and tier sizes, overlaps and gaps; --explain shows one recipient's\n" +
				"rules, scores, variants and each slot's module."}, true
	case "segments refresh":
		return help{"[--workspace DIR] [--store LOC] [--now RFC3339]",
			"Evaluates every stored profile again at --now (default the wall clock) with no event,\n" +
				"and records the transitions time alone made (dormant on day 91), a line each on stdout;\n" +
				"streamed a page at a time, writing only what changed; see docs/store.md."}, true
	case "inline":
		return help{"[--css FILE] [FILE|-]",
			"Inlines the CSS of an HTML document (- or no FILE reads stdin) and writes it\n" +
				"to stdout. Media queries, pseudo-classes, client hacks and at-rules stay in\n" +
				"one <style> in the head."}, true
	case "amp validate":
		return help{"FILE|-",
			"Validates an AMP4EMAIL document (- reads stdin). Prints PASS or FAIL and\n" +
				"one FILE:LINE:COL MESSAGE line per error; exits 1 on FAIL."}, true
	case "features export":
		return help{"[--workspace DIR] [--model NAME] [--recipients FILE|- | --sources] [--now RFC3339] [--predictions]",
			"Writes a model's feature table as CSV to stdout: a row per recipient, its id, the\n" +
				"features segments.yaml declares, computed as rendering computes them, and the label\n" +
				"when the model declares one; see docs/models.md."}, true
	case "init":
		return help{"DIR", "Writes a new workspace from the built-in example into DIR, a new or empty folder."}, true
	case "schema infer":
		return help{"[--workspace DIR] FILE...",
			"Reads every record of the files (JSON, JSONL or CSV) and prints a schema.yaml\n" +
				"for them: each field's type, the most specific that all its values have, and\n" +
				"why. The workspace gives the ID field (id_field), which is always a string."}, true
	case "schema check":
		return help{"[--workspace DIR] [--recipients FILE|-] [--now RFC3339] [--strict]",
			schemaCheckAbout}, true
	}
	if h, ok := reportHelp(name); ok { // report_usage.go
		return h, true
	}
	return storeHelp(name)
}

// printUsage writes the help of command name, in the one style of every
// command: "usage: tailor NAME SYNOPSIS" (its further lines indented
// under the first), a blank line, what it does, and its flags, if any.
func printUsage(w io.Writer, fs *flag.FlagSet, name string) {
	h, ok := helpOf(name)
	if !ok {
		h.synopsis = "[flags]"
	}
	writeSynopsis(w, "usage: ", name, h)
	if h.about != "" {
		fmt.Fprintf(w, "\n%s\n", h.about)
	}
	any := false
	fs.VisitAll(func(*flag.Flag) { any = true })
	if any {
		fmt.Fprintln(w, "\nFlags:")
		fs.PrintDefaults()
	}
}

// writeSynopsis writes "tailor NAME SYNOPSIS" after lead, each further
// line of the synopsis aligned under its first.
func writeSynopsis(w io.Writer, lead, name string, h help) {
	head := lead + "tailor " + name + " "
	for i, line := range strings.Split(h.synopsis, "\n") {
		if i > 0 {
			head = strings.Repeat(" ", len(head))
		}
		fmt.Fprintln(w, head+line)
	}
}

// printSubcommands writes the synopses of the subcommands of a command
// ("usage: tailor schema infer ...", then "       tailor schema check
// ..."), for the command given without one of them.
func printSubcommands(w io.Writer, names ...string) {
	for i, name := range names {
		lead := "usage: "
		if i > 0 {
			lead = "       "
		}
		h, _ := helpOf(name)
		writeSynopsis(w, lead, name, h)
	}
}
