package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one subcommand of tailor. Each lives in its own file and
// registers itself from an init function.
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

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

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
	c, ok := commands[args[0]]
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
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun \"tailor COMMAND -h\" for a command's flags.")
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(env *cmdEnv, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("tailor "+name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	return fs
}
