package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"iter"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/store"
)

// storeInput is render's recipients from the store (--from-store).
type storeInput struct {
	on             bool
	loc            string
	segment, where string
	// base is --unsubscribe-base.
	base string
	// st is the store consulted (--from-store, or the one render from a
	// file found: see fileStore), and list the campaign's list in it;
	// nil without one.
	st   store.Store
	list string
	// signed is the campaign with the store's signed unsubscribe URLs.
	signed *render.Campaign
}

// storeInputFlags adds --from-store, --store, --segment and --where.
func storeInputFlags(set *flag.FlagSet) *storeInput {
	si := &storeInput{}
	set.BoolVar(&si.on, "from-store", false, "read recipients from the audience store (streamed; suppressed ones are skipped and counted)")
	set.StringVar(&si.loc, "store", "", "the store whose suppressed recipients are skipped (and, with --from-store, rendered): a SQLite `FILE` or postgres://... (default $TAILOR_STORE, else .tailor/store.db in the workspace when it exists)")
	set.StringVar(&si.segment, "segment", "", "with --from-store: only the recipients in segment `NAME`, as its rule says of their profile now")
	set.StringVar(&si.base, "unsubscribe-base", "", "with a store: the `URL` (https://host) of the tailor serve that answers the signed one-click unsubscribe URLs (default: the origin of tailor.yaml's unsubscribe:)")
	set.StringVar(&si.where, "where", "", "with --from-store: only the recipients for whom the rule `EXPR` holds (as a module's when:)")
	return si
}

// input is the render's recipients: from the store with --from-store,
// else as openInput finds them.
func (si *storeInput) input(env *cmdEnv, file string, opts recipients.Options, sources bool, workspace func() (iofs.FS, string), c *render.Campaign, clock time.Time) (input, error) {
	if !si.on {
		if si.segment != "" || si.where != "" {
			return input{}, errors.New("--segment and --where go with --from-store")
		}
		in, err := openInput(env, file, opts, sources, workspace, c, clock)
		if err != nil {
			return in, err
		}
		if in, err = si.useStore(in, workspace, c); err == nil && si.st == nil && si.base != "" {
			err = errors.New("--unsubscribe-base: no audience store to sign the URLs with (--store, $TAILOR_STORE or the workspace's .tailor/store.db): without one the unsubscribe URLs are tailor.yaml's")
		}
		if err != nil {
			in.close()
			return input{}, err
		}
		return in, nil
	}
	if file != "" || sources {
		return input{}, errors.New("--from-store with --recipients or --sources: give one")
	}
	_, name := workspace()
	return si.open(name, c, opts, clock)
}

// open streams the stored profiles, typed with opts as a JSONL file of
// them would be, in ID order: those suppressed on the campaign's list (or
// every list) are counted and left out, then those --segment and --where
// leave out. Each record's place is store:N, the Nth profile streamed.
func (si *storeInput) open(workspaceName string, c *render.Campaign, opts recipients.Options, clock time.Time) (input, error) {
	if si.segment != "" && !slices.Contains(c.Rules.Segments(), si.segment) {
		return input{}, fmt.Errorf("--segment %s: no such segment (have %s)", si.segment, strings.Join(c.Rules.Segments(), ", "))
	}
	var cond *segment.Condition
	if si.where != "" {
		var err error
		if cond, err = segment.CompileCondition(si.where); err != nil {
			return input{}, fmt.Errorf("--where: %w", err)
		}
	}
	ctx := context.Background()
	loc := si.loc
	if loc == "" {
		loc = envStore()
	}
	if loc == "" {
		var err error
		if loc, err = workspaceStore(workspaceDir(workspaceName), false); err != nil {
			return input{}, err
		}
	}
	if !strings.Contains(loc, "://") {
		if _, err := os.Stat(strings.TrimPrefix(loc, "sqlite:")); err != nil {
			return input{}, fmt.Errorf("--from-store: no store at %s (tailor store import makes one): %w", loc, err)
		}
	}
	s, err := store.Open(ctx, loc)
	if err != nil {
		return input{}, err
	}
	if err := si.use(ctx, s, c); err != nil {
		s.Close()
		return input{}, err
	}
	next, stop := iter.Pull2(s.Profiles(ctx, store.Filter{}))
	r := &profileReader{next: next}
	seq := recipients.ReadWith("store", r, recipients.JSONL, opts)
	if si.segment != "" || cond != nil {
		seq = si.filter(seq, c, cond, clock)
	}
	return input{seq: seq, total: -1, close: func() { stop(); s.Close() }}, nil
}

// campaign is the campaign to render with: with --from-store, the one
// whose unsubscribe URLs are the store's signed ones.
func (si *storeInput) campaign(c *render.Campaign) *render.Campaign {
	if si.signed != nil {
		return si.signed
	}
	return c
}

// filter keeps the records in --segment and matching --where.
func (si *storeInput) filter(seq iter.Seq[recipients.Record], c *render.Campaign, cond *segment.Condition, clock time.Time) iter.Seq[recipients.Record] {
	now := clockOf(c.Config, clock)
	return func(yield func(recipients.Record) bool) {
		for rec := range seq {
			if rec.Err == nil {
				m, _ := c.Rules.Evaluate(rec.Profile, now) // a rule that cannot evaluate does not match
				if si.segment != "" && !m.Segments[si.segment] {
					continue
				}
				if ok, _ := cond.Match(segment.Env{Profile: rec.Profile, Membership: m, Now: now}); !ok {
					continue
				}
			}
			if !yield(rec) {
				return
			}
		}
	}
}

// summary prints what the store left out, after the batch's summary.
func (si *storeInput) summary(w io.Writer, sum *batch.Summary) {
	if si.st != nil && sum != nil {
		fmt.Fprintf(w, "  suppressed %d (on the suppression list: not rendered)\n", sum.Suppressed)
	}
}

// profileReader reads stored profiles as JSONL, one line each.
// A store error ends the stream as a read error of the last record.
type profileReader struct {
	next func() (store.Profile, error, bool)
	buf  []byte
}

func (r *profileReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		sp, err, ok := r.next()
		switch {
		case !ok:
			return 0, io.EOF
		case err != nil:
			return 0, err
		}
		r.buf = append(append(r.buf[:0], sp.Data...), '\n')
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// builtinName is the name openWorkspace gives the built-in example.
const builtinName = "built-in example"

// envStore is $TAILOR_STORE, the store commands use without --store.
func envStore() string { return os.Getenv("TAILOR_STORE") }

// workspaceDir is the folder of a workspace by the name openWorkspace
// gives it ("" for the built-in example).
func workspaceDir(name string) string {
	if name == builtinName {
		return ""
	}
	return name
}
