package main

import (
	"fmt"
	"time"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment/audience"
	"github.com/tailor-email/tailor/workspace"
)

// schemaCheckAbout says what tailor schema check prints (its --help).
const schemaCheckAbout = `Reads every recipient (typed by the workspace's schema.yaml, or by one
inferred from each source's first 1,000 records) and prints, per field,
how many have it, lack it or had a value that did not fit, with its values
(the distinct ones when there are few, the range of numbers, times and list
lengths) and the first data errors of each field at source:line:col; then,
per segment, the recipients who are in it only because of a missing value.
With --strict it exits 1 when any recipient has a data error.`

// runSchemaCheck audits a whole source against the workspace's schema
// and segments, in one pass and bounded memory.
func runSchemaCheck(env *cmdEnv, args []string) error {
	set := newFlags(env, "schema check")
	open := workspaceFlag(set)
	nowOf := nowFlag(set)
	file := set.String("recipients", "", "recipients `FILE` (JSON, JSONL or CSV; - for stdin; default: the workspace's fixtures)")
	strict := set.Bool("strict", false, "exit 1 when any recipient has a data error")
	if _, err := parseArgs(set, args, 0, 0); err != nil {
		return err
	}
	fsys, name := open()
	run, err := loadSegmentsRun(env, fsys, name)
	if err != nil {
		return err
	}
	now, err := nowOf()
	if err != nil {
		return err
	}
	run.now = clockOf(run.cfg, now)
	recs, closeIn, err := openRecipients(env, *file, workspace.ReadOptions(run.schema, run.cfg), open)
	if err != nil {
		return err
	}
	defer closeIn()
	fields := audience.Fields()
	typedBy := run.schema
	texts := run.rules.Texts()
	standIns := map[string][]any{}
	missing := audience.Missing(run.rules, run.now, func(f string) []any {
		if v, ok := standIns[f]; ok {
			return v
		}
		var fld *schema.Field
		if typedBy != nil {
			fld = typedBy.Lookup(f)
		}
		standIns[f] = fld.StandIns(run.now, texts)
		return standIns[f]
	})
	rep := &audience.Report{Sections: []audience.Section{fields, missing}}
	bad := 0
	for r := range recs {
		if r.Err != nil {
			bad++
			fmt.Fprintf(env.stderr, "%s: %v\n", r.Where(), r.Err)
			continue
		}
		if typedBy == nil {
			typedBy = r.Schema
		}
		m, err := run.rules.Evaluate(r.Profile, run.now)
		rep.Add(audience.Recipient{ID: run.id(r.Profile), Profile: r.Profile, Membership: m, Err: err, DataErrors: r.DataErrors, Schema: r.Schema})
	}
	fmt.Fprintf(env.stdout, "now: %s\nschema: %s\n", run.now.UTC().Format(time.RFC3339), schemaOrigin(run.schema))
	if err := rep.Write(env.stdout); err != nil {
		return err
	}
	if bad > 0 {
		fmt.Fprintf(env.stderr, "tailor schema check: %s could not be read\n", plural(bad, "record"))
		return exitError{code: 1}
	}
	if *strict && fields.Errors() > 0 {
		fmt.Fprintf(env.stderr, "tailor schema check: %s (--strict)\n", plural(fields.Errors(), "data error"))
		return exitError{code: 1}
	}
	return nil
}

// schemaOrigin says where the types came from.
func schemaOrigin(s *schema.Schema) string {
	if s != nil {
		return schema.File
	}
	return fmt.Sprintf("none; types inferred from each source's first %d records", recipients.DefaultInfer)
}
