package main

import (
	"fmt"

	"github.com/tailor-email/tailor/amp/validator"
)

// runAMP dispatches the amp subcommands. Only "validate" exists.
func runAMP(env *cmdEnv, args []string) error {
	if len(args) == 0 || args[0] != "validate" {
		printSubcommands(env.stderr, "amp validate")
		return exitError{code: 2}
	}
	return runAMPValidate(env, args[1:])
}

// runAMPValidate validates one AMP4EMAIL document. It prints PASS or FAIL,
// then one "FILE:LINE:COL MESSAGE" line per error or warning, and exits 1
// on FAIL, 2 when the file cannot be read.
func runAMPValidate(env *cmdEnv, args []string) error {
	fs := newFlags(env, "amp validate")
	files, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return err
	}
	doc, name, err := readInput(env, files[0])
	if err != nil {
		fmt.Fprintf(env.stderr, "tailor amp validate: %v\n", err)
		return exitError{code: 2}
	}
	res := validator.Validate(doc)
	status := "PASS"
	if !res.Pass {
		status = "FAIL"
	}
	fmt.Fprintln(env.stdout, status)
	for _, e := range res.Errors {
		fmt.Fprintf(env.stdout, "%s:%s\n", name, e)
	}
	if !res.Pass {
		return exitError{code: 1}
	}
	return nil
}
