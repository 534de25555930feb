package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run the tailor binary in-process: a script's
// "exec tailor ..." calls main without building anything.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"tailor": func() {
			os.Exit(run(os.Args[1:], &cmdEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}))
		},
	})
}

// TestScripts runs every testdata/script/*.txtar. Each file is one CLI
// scenario: commands, their expected output, and the files they read.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("TAILOR_PEERS", peersDir())
			return nil
		},
	})
}

// peersDir is the conformance data shared with other projects
// (TAILOR_PEERS, default ../shared/peers from the repository root).
func peersDir() string {
	if d := os.Getenv("TAILOR_PEERS"); d != "" {
		return d
	}
	wd, _ := os.Getwd()
	return wd + "/../../../shared/peers"
}
