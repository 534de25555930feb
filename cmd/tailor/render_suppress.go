package main

import (
	"context"
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

// useStore has the render consult the store, when render from a file
// finds one (fileStore): suppressed recipients are left out by the batch
// (see suppression) and the campaign writes the store's signed
// unsubscribe URLs.
func (si *storeInput) useStore(in input, workspace func() (iofs.FS, string), c *render.Campaign) (input, error) {
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
	if err := si.use(ctx, s, c); err != nil {
		s.Close()
		return in, err
	}
	prev := in.close
	in.close = func() { prev(); s.Close() }
	return in, nil
}

// use makes s the store of the render: its signed unsubscribe URLs and
// its suppressions on the campaign's list.
func (si *storeInput) use(ctx context.Context, s store.Store, c *render.Campaign) error {
	signed, err := unsubscribe.Signed(ctx, s, c, si.base)
	if err != nil {
		return err
	}
	si.signed, si.st, si.list = signed, s, unsubscribe.ListOf(c)
	return nil
}

// suppression is the batch's Options.Suppressed when the render consults
// a store: whether the store suppresses the record's recipient, by ID or
// address, on the campaign's list or every list. The batch asks it in
// its workers, and a suppressed recipient keeps their place in the
// output (a "suppressed": true line), so that suppressing someone
// between a run and its --resume shifts no one. nil without a store.
func (si *storeInput) suppression(c *render.Campaign) func(context.Context, recipients.Record, string) (bool, error) {
	if si.st == nil {
		return nil
	}
	return func(ctx context.Context, rec recipients.Record, _ string) (bool, error) {
		email, _ := rec.Profile[c.Config.EmailField].(string)
		return store.RecipientSuppressed(ctx, si.st, si.list, c.RecipientID(rec.Profile), email)
	}
}
