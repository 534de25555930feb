package main

import (
	"fmt"
	"io"
	"os"

	"github.com/tailor-email/tailor/amp/validator"
)

// runAMP dispatches the amp subcommands. Only "validate" exists.
func runAMP(env *cmdEnv, args []string) error {
	if len(args) == 0 || args[0] != "validate" {
		fmt.Fprintln(env.stderr, "usage: tailor amp validate FILE|-")
		return exitError{code: 2}
	}
	return runAMPValidate(env, args[1:])
}

// runAMPValidate validates one AMP4EMAIL document. It prints PASS or FAIL,
// then one "FILE:LINE:COL MESSAGE" line per error or warning, and exits 1
// on FAIL, 2 when the file cannot be read.
func runAMPValidate(env *cmdEnv, args []string) error {
	fs := newFlags(env, "amp validate")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: tailor amp validate FILE|-\n\nValidates an AMP4EMAIL document (- reads stdin). Prints PASS or FAIL and\none FILE:LINE:COL MESSAGE line per error; exits 1 on FAIL.")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitError{code: 2}
	}
	name := fs.Arg(0)
	doc, err := readAMPInput(env, name)
	if err != nil {
		fmt.Fprintf(env.stderr, "tailor amp validate: %v\n", err)
		return exitError{code: 2}
	}
	if name == "-" {
		name = "<stdin>"
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

// readAMPInput reads FILE, or stdin for "-".
func readAMPInput(env *cmdEnv, name string) ([]byte, error) {
	if name == "-" {
		b, err := io.ReadAll(env.stdin)
		if err != nil {
			return nil, fmt.Errorf("read stdin: %w", err)
		}
		return b, nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the document: %w", err)
	}
	return b, nil
}
