package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/tailor-email/tailor/internal/goldentest"
	"github.com/tailor-email/tailor/internal/peers"
)

// TestMain lets testscript run the tailor binary in-process: a script's
// "exec tailor ..." calls main without building anything. With
// subprocessEnv set, the test binary is tailor itself (tailorCmd).
func TestMain(m *testing.M) {
	tailor := func() {
		os.Exit(run(os.Args[1:], &cmdEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}))
	}
	if os.Getenv(subprocessEnv) == "1" {
		tailor()
	}
	testscript.Main(m, map[string]func(){"tailor": tailor})
}

// TestScripts runs every testdata/script/*.txtar. Each file is one CLI
// scenario: commands, their expected output, and the files they read.
// With -update, a cmp against a file of the script that fails rewrites
// that file in the script instead, as the goldens are.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       goldentest.Update(),
		Cmds:                scriptCmds, // script_cmds_test.go
		Setup: func(e *testscript.Env) error {
			e.Setenv("TAILOR_PEERS", peers.Root())
			return nil
		},
	})
}
