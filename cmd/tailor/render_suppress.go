package main

import (
	"context"
	"fmt"
	iofs "io/fs"
	"os"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/unsubscribe"
)

// fileStore is the store that tailor render from a file (or the sources,
// or the fixtures) consults: --store, else $TAILOR_STORE, else the
// workspace's .tailor/store.db when it exists (it is never made here);
// "" for none.
func (si *storeInput) fileStore(workspaceName string) (string, error) {
	if loc := si.loc; loc != "" {
		return loc, nil
	}
	if loc := envStore(); loc != "" {
		return loc, nil
	}
	path, err := workspaceStore(workspaceDir(workspaceName), false)
	if err != nil {
		return "", err
	}
	if _, err := os.Lstat(path); err != nil {
		return "", nil
	}
	return path, nil
}

// skipSuppressed wraps in, read from a file, so that a recipient the
// store suppresses (by ID or address, on the campaign's list or every
// list) is counted and left out, and has the campaign write the store's
// signed unsubscribe URLs, when there is a store (fileStore).
func (si *storeInput) skipSuppressed(in input, workspace func() (iofs.FS, string), c *render.Campaign) (input, error) {
	_, name := workspace()
	loc, err := si.fileStore(name)
	if err != nil || loc == "" {
		return in, err
	}
	ctx := context.Background()
	s, err := store.Open(ctx, loc)
	if err != nil {
		return in, err
	}
	if si.signed, err = unsubscribe.Signed(ctx, s, c, si.base); err != nil {
		s.Close()
		return in, err
	}
	si.used = true
	seq, list := in.seq, unsubscribe.ListOf(c)
	in.seq = func(yield func(recipients.Record) bool) {
		for rec := range seq {
			if rec.Err == nil {
				sup, err := recipientSuppressed(ctx, s, c, rec.Profile, list)
				if err != nil {
					rec.Err = fmt.Errorf("store: %w", err)
				} else if sup {
					si.suppressed++
					continue
				}
			}
			if !yield(rec) {
				return
			}
		}
	}
	prev := in.close
	in.close = func() { prev(); s.Close() }
	return in, nil
}

// recipientSuppressed says whether the store suppresses the profile's
// recipient on list (or every list), by ID or by address.
func recipientSuppressed(ctx context.Context, s store.Store, c *render.Campaign, profile map[string]any, list string) (bool, error) {
	if id := c.RecipientID(profile); id != "" {
		if sup, err := s.Suppressed(ctx, id, list); err != nil || sup {
			return sup, err
		}
	}
	if email, _ := profile[c.Config.EmailField].(string); email != "" {
		return s.Suppressed(ctx, email, list)
	}
	return false, nil
}
