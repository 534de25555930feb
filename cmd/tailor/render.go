package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/recipients"
)

type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }

func runRender(env *cmdEnv, args []string) error {
	fs := newFlags(env, "render")
	workspace := workspaceFlag(fs)
	now := nowFlag(fs)
	var emails stringsFlag
	fs.Var(&emails, "email", "email `NAME` to render (repeatable; default: every email)")
	recipientsFile := fs.String("recipients", "", "recipients `FILE` (JSON, JSONL or CSV; - for stdin; default: the workspace's fixtures)")
	format := fs.String("format", "jsonl", "output format: jsonl, eml or files")
	out := fs.String("out", "", "output `DIR` (default, or -: JSONL to stdout; a folder is required for eml and files)")
	workers := fs.Int("workers", 0, "render workers (default GOMAXPROCS)")
	resume := fs.Bool("resume", false, "keep complete outputs in --out and render only the rest")
	shard := fs.String("shard", "", "render only shard `i/n` of the recipients, by a stable hash of their ID")
	quiet := fs.Bool("quiet", false, "print no progress and no summary")
	sources := fs.Bool("sources", false, "read recipients from tailor.yaml's sources: (merged; see docs/batch.md)")
	maxRecord := fs.Int64("max-record", recipients.DefaultMaxRecord, "fail any input record (line, row, object) over `BYTES`, alone, and read on")
	strict := fs.Bool("strict", false, "fail a recipient for whom a rule cannot evaluate or whose data does not fit the schema (default: the rule does not match, the value is left out, and the line's rule_errors or data_errors says why)")
	fromStore := storeInputFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *maxRecord <= 0 {
		return fmt.Errorf("--max-record %d: want a number of bytes above 0", *maxRecord)
	}
	switch *format { // before anything is read or created
	case "jsonl", "eml", "files":
	default:
		return fmt.Errorf("--format %s: unknown format (want jsonl, eml or files)", *format)
	}
	batch.TuneGC()
	clock, err := now()
	if err != nil {
		return err
	}
	opts := batch.Options{Emails: emails, Workers: *workers, Now: clock, StrictRules: *strict}
	if *shard != "" {
		if opts.Shard, err = batch.ParseShard(*shard); err != nil {
			return err
		}
	}
	c, err := loadCampaign(workspace())
	if err != nil {
		return err
	}
	if len(opts.Emails) == 0 {
		opts.Emails = c.Emails()
	}
	for _, e := range opts.Emails {
		if _, ok := c.Email(e); !ok {
			return fmt.Errorf("--email %s: no such email (have %s)", e, strings.Join(c.Emails(), ", "))
		}
	}
	opts.IDOf = func(r recipients.Record) string { return c.RecipientID(r.Profile) }
	read := readOptions(c)
	read.MaxRecord = *maxRecord
	in, err := fromStore.input(env, *recipientsFile, read, *sources, workspace, c, clock)
	if err != nil {
		return err
	}
	c = fromStore.campaign(c)
	opts.Suppressed = fromStore.suppression(c)
	defer in.close()
	opts.ExpectedRecords = in.records(opts.Shard)
	renderer, err := fromStore.tracked(fromStore.engaged(c), c, env.stderr) // render_sends.go
	if err != nil {
		return err
	}
	sink, err := openSink(env, *format, *out, *resume)
	if err != nil {
		return err
	}
	if sink, err = fromStore.logSends(sink, *out, *resume, c); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep := newReporter(env.stderr, in.estimate(len(opts.Emails), opts.Shard), *quiet, 2*time.Second)
	opts.Progress = rep.update
	sum, err := batch.Run(ctx, renderer, in.seq, opts, sink)
	rep.done(sum)
	if !*quiet {
		printSummary(env.stderr, sum)
		fromStore.summary(env.stderr, sum)
	}
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		where := "see the error field of the JSONL lines"
		if *out != "" {
			where = "see " + *out + "/failures.jsonl"
		}
		fmt.Fprintf(env.stderr, "tailor render: %d of %d failed (%s)\n", sum.Failed, sum.Rendered+sum.Failed+sum.Skipped, where)
		return exitError{code: 1}
	}
	return failuresHeld(env, *out)
}

// failuresHeld fails a run that left failures in out/failures.jsonl
// although none of its own failed: --resume keeps the failures of
// earlier runs there (with JSONL output) until they render.
func failuresHeld(env *cmdEnv, out string) error {
	if out == "" || out == "-" {
		return nil
	}
	name := filepath.Join(out, "failures.jsonl")
	f, err := os.Open(name)
	if err != nil {
		return nil // no file: nothing failed
	}
	defer f.Close()
	lines, buf := 0, make([]byte, 64<<10)
	for {
		n, err := f.Read(buf)
		lines += bytes.Count(buf[:n], []byte("\n"))
		if err != nil {
			break
		}
	}
	if lines == 0 {
		return nil
	}
	fmt.Fprintf(env.stderr, "tailor render: %s still holds %d failures of an earlier run\n", name, lines)
	return exitError{code: 1}
}

func openSink(env *cmdEnv, format, out string, resume bool) (batch.Sink, error) {
	if out == "" || out == "-" {
		if format != "jsonl" {
			return nil, fmt.Errorf("--format %s needs --out DIR", format)
		}
		if resume {
			return nil, errors.New("--resume needs --out DIR")
		}
		return batch.JSONL(env.stdout), nil
	}
	return batch.Dir(out, format, resume)
}

// printSummary prints the batch's counts, so that every record read is
// accounted for: "rendered R, failed F, skipped S of N records", where
// R + F + S = N, or N times the emails ("of N records x 2 emails"), less
// the records other shards render ("(M more for other shards)"). Then the
// recipients per segment, module and variant.
func printSummary(w io.Writer, s *batch.Summary) {
	of := fmt.Sprintf("%d records", s.Read-s.OtherShards)
	if s.Read-s.OtherShards == 1 {
		of = "1 record"
	}
	if s.OtherShards > 0 {
		of += fmt.Sprintf(" (%d more for other shards)", s.OtherShards)
	}
	if s.Emails != 1 {
		of += fmt.Sprintf(" x %d emails", s.Emails)
	}
	fmt.Fprintf(w, "rendered %d, failed %d, skipped %d of %s in %s (%.0f/s)\n",
		s.Rendered, s.Failed, s.Skipped, of, s.Elapsed.Round(1e6), s.Rate())
	if s.RuleErrors > 0 {
		fmt.Fprintf(w, "  %d rendered with rules that could not evaluate (they did not match; see rule_errors, or fail them with --strict)\n", s.RuleErrors)
	}
	if s.DataErrors > 0 {
		fmt.Fprintf(w, "  %d rendered without values that did not fit the schema (see data_errors, or fail them with --strict)\n", s.DataErrors)
	}
	for _, part := range []struct {
		name string
		m    map[string]int
	}{{"segments", s.Segments}, {"modules", s.Modules}, {"variants", s.Variants}} {
		if len(part.m) == 0 {
			continue
		}
		var b strings.Builder
		for _, k := range slices.Sorted(maps.Keys(part.m)) {
			fmt.Fprintf(&b, " %s:%d", k, part.m[k])
		}
		fmt.Fprintf(w, "  %s%s\n", part.name, b.String())
	}
}
