package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// command is one subcommand of tailor. Each one's run lives in its own
// file; commands lists them all.
type command struct {
	name    string
	summary string
	run     func(env *cmdEnv, args []string) error
}

// cmdEnv is what a command may touch of the process, so tests can run
// commands in-process with their own streams.
type cmdEnv struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// commands are tailor's subcommands, in the order "tailor help" lists
// them.
func commands() []command {
	return []command{
		{name: "amp", summary: "AMP for Email tools: amp validate FILE|-", run: runAMP},
		{name: "check", summary: "lint a workspace's emails or HTML files: client support, links, size, accessibility, workspace logic", run: runCheck},
		{name: "experiments", summary: "act on a report: experiments conclude NAME --winner VARIANT writes the winner into tailor.yaml", run: runExperiments},
		{name: "features", summary: "the feature table a model is trained on: features export [--model NAME] (docs/models.md)", run: runFeatures},
		{name: "init", summary: "write a new workspace from the built-in example", run: runInit},
		{name: "inline", summary: "inline CSS into an HTML document: inline [--css FILE] [FILE|-]", run: runInline},
		{name: "preview", summary: "serve the live preview for marketers (emails x recipients, matrix, send-test)", run: runPreview},
		{name: "render", summary: "render emails for recipients (JSONL, .eml or files)", run: runRender},
		{name: "report", summary: "engagement by segment, tier, module and variant with intervals; experiments' winners; weak segments", run: runReport},
		{name: "schema", summary: "typed recipient data: schema infer FILE... proposes a schema.yaml; schema check audits recipients against it", run: runSchema},
		{name: "segments", summary: "report segment and tier sizes, overlaps and gaps; --explain one recipient", run: runSegments},
		{name: "serve", summary: "serve the render API and event webhooks (POST /v1/render, /v1/events/NAME)", run: runServe},
		{name: "store", summary: "the audience store: store migrate|import|export|suppress|unsuppress|forget (SQLite by default, --store postgres://...)", run: runStore},
		{name: "test", summary: "compare every email x fixture recipient with the workspace's goldens", run: runTest},
	}
}

// lookup finds the command called name.
func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// exitError carries an exit status without printing anything more.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	os.Exit(run(os.Args[1:], &cmdEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}))
}

func run(args []string, env *cmdEnv) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" {
		fmt.Fprintln(env.stdout, "tailor", version())
		return 0
	}
	c, ok := lookup(args[0])
	if !ok {
		fmt.Fprintf(env.stderr, "tailor: unknown command %q (run \"tailor help\")\n", args[0])
		return 2
	}
	err := c.run(env, args[1:])
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ee):
		return ee.code
	default:
		fmt.Fprintf(env.stderr, "tailor %s: %v\n", c.name, err)
		return 1
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tailor renders one email per recipient from a workspace.\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"tailor COMMAND -h\" for a command's flags.")
}

// parseArgs parses args into set and returns the arguments after the
// flags: from least to most of them, else it prints set's usage and exits 2.
func parseArgs(set *flag.FlagSet, args []string, least, most int) ([]string, error) {
	if err := set.Parse(args); err != nil {
		return nil, err
	}
	if set.NArg() < least || set.NArg() > most {
		set.Usage()
		return nil, exitError{code: 2}
	}
	return set.Args(), nil
}

// readInput reads the file name, or standard input for "-". It returns
// the input's name as messages give it: the file's, or <stdin>.
func readInput(env *cmdEnv, name string) ([]byte, string, error) {
	if name == "-" {
		b, err := io.ReadAll(env.stdin)
		if err != nil {
			return nil, "", fmt.Errorf("read stdin: %w", err)
		}
		return b, "<stdin>", nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, "", fmt.Errorf("read: %w", err)
	}
	return b, name, nil
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(env *cmdEnv, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("tailor "+name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() { printUsage(env.stderr, fs, name) }
	return fs
}
