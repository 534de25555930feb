package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/recipients"
)

func init() {
	register(&command{name: "render", summary: "render emails for recipients (JSONL, .eml or files)", run: runRender})
}

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
	if err := fs.Parse(args); err != nil {
		return err
	}
	batch.TuneGC()
	clock, err := now()
	if err != nil {
		return err
	}
	opts := batch.Options{Emails: emails, Workers: *workers, Now: clock}
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
	in, err := openInput(env, *recipientsFile, *sources, workspace, c, clock)
	if err != nil {
		return err
	}
	defer in.close()
	sink, err := openSink(env, *format, *out, *resume)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep := newReporter(env.stderr, in.estimate(len(opts.Emails), opts.Shard), *quiet, 2*time.Second)
	opts.Progress = rep.update
	sum, err := batch.Run(ctx, c, in.records, opts, sink)
	rep.done(sum)
	if !*quiet {
		printSummary(env.stderr, sum)
	}
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		where := "see the error field of the JSONL lines"
		if *out != "" {
			where = "see " + *out + "/failures.jsonl"
		}
		fmt.Fprintf(env.stderr, "tailor render: %d of %d failed (%s)\n", sum.Failed, sum.Failed+sum.Rendered, where)
		return exitError{code: 1}
	}
	return nil
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

func printSummary(w io.Writer, s *batch.Summary) {
	fmt.Fprintf(w, "rendered %d, failed %d, skipped %d in %s (%.0f/s)\n",
		s.Rendered, s.Failed, s.Skipped, s.Elapsed.Round(1e6), s.Rate())
	for _, part := range []struct {
		name string
		m    map[string]int
	}{{"segments", s.Segments}, {"modules", s.Modules}, {"variants", s.Variants}} {
		if len(part.m) == 0 {
			continue
		}
		var b strings.Builder
		for _, k := range batch.Keys(part.m) {
			fmt.Fprintf(&b, " %s:%d", k, part.m[k])
		}
		fmt.Fprintf(w, "  %s%s\n", part.name, b.String())
	}
}
