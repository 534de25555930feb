package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/workspace"
)

// runSchema dispatches the schema subcommands.
func runSchema(env *cmdEnv, args []string) error {
	switch {
	case len(args) > 0 && args[0] == "infer":
		return runSchemaInfer(env, args[1:])
	case len(args) > 0 && args[0] == "check":
		return runSchemaCheck(env, args[1:])
	}
	printSubcommands(env.stderr, "schema infer", "schema check")
	return exitError{code: 2}
}

// runSchemaInfer reads every record of the files and prints the schema
// they have, as a schema.yaml, with the reason for each field's type.
func runSchemaInfer(env *cmdEnv, args []string) error {
	set := newFlags(env, "schema infer")
	open := workspaceFlag(set)
	files, err := parseArgs(set, args, 1, 1<<20)
	if err != nil {
		return err
	}
	fsys, name := open()
	cfg, err := workspace.ReadConfig(fsys)
	if err != nil {
		return fmt.Errorf("workspace %s: %w", name, err)
	}
	in := &schema.Inferrer{IDField: cfg.IDField}
	bad := 0
	for _, file := range files {
		if bad, err = inferFrom(env, in, file, cfg.IDField, bad); err != nil {
			return err
		}
	}
	got, err := in.Infer()
	if err != nil {
		return err
	}
	head := fmt.Sprintf("Inferred by tailor schema infer from %s: %s.\nCheck each type (declare money as decimal), then save it as schema.yaml beside tailor.yaml.",
		strings.Join(files, ", "), plural(got.Records, "record"))
	env.stdout.Write(schema.Format(got.Schema, head, got.Reasons))
	for _, left := range got.Left {
		fmt.Fprintf(env.stdout, "# left out: %s\n", left)
	}
	if bad > 0 {
		fmt.Fprintf(env.stderr, "tailor schema infer: %s could not be read (above); the schema is from the others\n", plural(bad, "record"))
	}
	if got.Records == 0 {
		return fmt.Errorf("no records in %s", strings.Join(files, ", "))
	}
	return nil
}

// inferFrom adds every record of file to in, printing each one that does
// not read; it returns the count of those so far.
func inferFrom(env *cmdEnv, in *schema.Inferrer, file, idField string, bad int) (int, error) {
	f, err := os.Open(file)
	if err != nil {
		return bad, err
	}
	defer f.Close()
	for rec := range recipients.ReadWith(file, f, recipients.FormatOf(file), recipients.Options{IDField: idField}) {
		if rec.Err != nil {
			fmt.Fprintf(env.stderr, "%s: %v\n", rec.Where(), rec.Err)
			bad++
			continue
		}
		in.Add(rec.Profile, rec.Columns, rec.Columns != nil, rec.Where())
	}
	return bad, nil
}

// plural is "1 record", "20 records".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
