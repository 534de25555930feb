package main

import (
	"os"
	"path/filepath"
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
			// TAILORBIN is the folder of the tailor command alone, for a
			// script that runs it with PATH=$TAILORBIN (no chromium)
			for _, dir := range filepath.SplitList(e.Getenv("PATH")) {
				if _, err := os.Stat(filepath.Join(dir, "tailor")); err == nil {
					e.Setenv("TAILORBIN", dir)
					break
				}
			}
			return nil
		},
	})
}
