package main

import (
	"context"
	"encoding/json"
	"fmt"
	iofs "io/fs"
	"iter"
	"time"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
)

// runStoreImport streams recipients (a file, stdin, or the merged
// sources:) typed by the workspace's schema into the store, merged with
// the stored profiles by --merge, a batch per transaction.
func runStoreImport(env *cmdEnv, args []string) error {
	set := newFlags(env, "store import")
	open, dir := storeFlag(set)
	file := set.String("recipients", "", "recipients `FILE` (JSON, JSONL or CSV; - for stdin)")
	sources := set.Bool("sources", false, "import tailor.yaml's sources: (merged)")
	merge := set.String("merge", string(store.MostRecent), "with a stored profile: most_recent (imported fields win), precedence (stored fields win) or replace")
	batchSize := set.Int("batch", 1000, "profiles per transaction (`N`)")
	if _, err := parseArgs(set, args, 0, 0); err != nil {
		return err
	}
	policy, err := store.ParseMerge(*merge)
	if err != nil {
		return fmt.Errorf("--merge: %w", err)
	}
	if *file == "" && !*sources {
		return fmt.Errorf("give --recipients FILE or --sources")
	}
	workspace := func() (iofs.FS, string) { return openWorkspace(*dir) }
	c, err := loadCampaign(workspace())
	if err != nil {
		return err
	}
	in, err := openInput(env, *file, readOptions(c), *sources, workspace, c, time.Time{})
	if err != nil {
		return err
	}
	defer in.close()
	ctx := context.Background()
	s, err := open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	var bad int
	profiles := storeProfiles(c, in.seq, func(rec recipients.Record, err error) {
		bad++
		fmt.Fprintf(env.stderr, "%s: %v\n", rec.Where(), err)
	})
	rep, err := store.Import(ctx, s, profiles, policy, *batchSize, time.Now)
	fmt.Fprintf(env.stderr, "import: %s; %d bad records\n", rep, bad)
	if err != nil {
		return err
	}
	if bad > 0 {
		return exitError{code: 1}
	}
	return nil
}

// storeProfiles turns typed records into store profiles: the ID and
// address the campaign reads, the profile as JSON. A record that could
// not be read, or has no ID, goes to bad.
func storeProfiles(c *render.Campaign, seq iter.Seq[recipients.Record], bad func(recipients.Record, error)) iter.Seq[store.Profile] {
	return func(yield func(store.Profile) bool) {
		for rec := range seq {
			if rec.Err != nil {
				bad(rec, rec.Err)
				continue
			}
			id := c.RecipientID(rec.Profile)
			if id == "" {
				bad(rec, fmt.Errorf("no %s and no %s: a stored profile needs an ID", c.Config.IDField, c.Config.EmailField))
				continue
			}
			data, err := json.Marshal(rec.Profile)
			if err != nil {
				bad(rec, fmt.Errorf("encode: %w", err))
				continue
			}
			email, _ := rec.Profile[c.Config.EmailField].(string)
			if !yield(store.Profile{ID: id, Email: email, Data: data}) {
				return
			}
		}
	}
}
