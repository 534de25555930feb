package main

import (
	"errors"
	"fmt"
	iofs "io/fs"
	"iter"
	"os"
	"time"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
)

// input is the recipient stream of a render run.
type input struct {
	seq   iter.Seq[recipients.Record]
	total int64 // records, or -1 when unknown
	close func()
}

// estimate is the number of results the batch will produce, or -1.
func (in input) estimate(emails int, shard batch.Shard) int64 {
	if in.total < 0 {
		return -1
	}
	return in.records(shard) * int64(emails)
}

// records estimates the records of the shard, or is 0 when unknown.
func (in input) records(shard batch.Shard) int64 {
	n := max(in.total, 0)
	if shard.N > 1 {
		n = (n + int64(shard.N) - 1) / int64(shard.N) // the hash spreads evenly
	}
	return n
}

// openInput streams the recipients: a file or stdin (--recipients), read
// with opts, the merged data sources of tailor.yaml (--sources), or else
// the workspace's fixtures.
func openInput(env *cmdEnv, file string, opts recipients.Options, sources bool, workspace func() (iofs.FS, string), c *render.Campaign, clock time.Time) (input, error) {
	switch {
	case sources && file != "":
		return input{}, errors.New("--sources and --recipients: give one")
	case sources:
		return fromSources(env, workspace, c, clock)
	case file == "":
		return fromFixtures(workspace, opts)
	case file == "-":
		return input{seq: recipients.ReadWith("<stdin>", env.stdin, "", opts), total: -1, close: func() {}}, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return input{}, fmt.Errorf("--recipients: %w", err)
	}
	return input{seq: recipients.ReadWith(file, f, recipients.FormatOf(file), opts), total: countRecords(file), close: func() { f.Close() }}, nil
}

// fromFixtures yields the workspace's testdata/recipients profiles,
// read with opts.
func fromFixtures(workspace func() (iofs.FS, string), opts recipients.Options) (input, error) {
	fsys, name := workspace()
	recs, err := recipients.FixturesWith(fsys, opts)
	if err != nil {
		return input{}, fmt.Errorf("workspace %s: %w", name, err)
	}
	if len(recs) == 0 {
		return input{}, fmt.Errorf("workspace %s has no fixtures in testdata/recipients/: give --recipients FILE or --sources", name)
	}
	return input{seq: sliceSeq(recs), total: int64(len(recs)), close: func() {}}, nil
}

func sliceSeq(recs []recipients.Record) iter.Seq[recipients.Record] {
	return func(yield func(recipients.Record) bool) {
		for _, r := range recs {
			if !yield(r) {
				return
			}
		}
	}
}

// fromSources loads and merges tailor.yaml's sources: at the batch's
// clock (--now, else tailor.yaml's now, else the wall clock) and yields
// the merged profiles; the merge report goes to stderr.
func fromSources(env *cmdEnv, workspace func() (iofs.FS, string), c *render.Campaign, clock time.Time) (input, error) {
	fsys, name := workspace()
	seq, n, err := mergeSources(env, fsys, name, c.Config, c.Schema, clockOf(c.Config, clock))
	if err != nil {
		return input{}, err
	}
	return input{seq: seq, total: int64(n), close: func() {}}, nil
}

// openRecipients streams the recipients file, stdin, or the fixtures,
// read with opts (segments uses it too).
func openRecipients(env *cmdEnv, file string, opts recipients.Options, workspace func() (iofs.FS, string)) (iter.Seq[recipients.Record], func(), error) {
	in, err := openInput(env, file, opts, false, workspace, nil, time.Time{})
	if err != nil {
		return nil, nil, err
	}
	return in.seq, in.close, nil
}
