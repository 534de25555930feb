package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tailor-email/tailor/store"
)

// serveStore is tailor serve's audience store: --store, else
// $TAILOR_STORE, else .tailor/store.db in the workspace folder; none for
// the built-in example, which has no folder.
type serveStore struct {
	loc, base *string
}

// serveStoreFlags adds --store and --unsubscribe-base to set.
func serveStoreFlags(set *flag.FlagSet) serveStore {
	return serveStore{
		loc:  set.String("store", os.Getenv("TAILOR_STORE"), "keep events, profiles and suppressions in the store at `LOC`, a SQLite file or postgres://... (default $TAILOR_STORE, else .tailor/store.db in the workspace; none for the built-in example): serves POST /v1/unsubscribe and DELETE /v1/profiles/{id}"),
		base: set.String("unsubscribe-base", "", "with a store: the `URL` (https://host) at which this server's signed unsubscribe URLs are reached (default: the origin of tailor.yaml's unsubscribe:)"),
	}
}

// open opens the store of the workspace in dir ("" for the built-in
// example) into opts; the function it returns closes it. The built-in
// example keeps none without --store, and says so on stderr.
func (ss serveStore) open(stderr io.Writer, dir string, into *store.Store, base *string) (func(), error) {
	loc := *ss.loc
	if loc == "" {
		if dir == "" {
			if *ss.base != "" {
				return nil, errors.New("--unsubscribe-base: no audience store to sign the URLs with: the built-in example keeps none (give --store LOC)")
			}
			fmt.Fprintln(stderr, "tailor serve: no audience store: the built-in example has no folder for .tailor/store.db (--store LOC keeps one)")
			return func() {}, nil
		}
		var err error
		if loc, err = workspaceStore(dir, true); err != nil {
			return nil, err
		}
	}
	s, err := store.Open(context.Background(), loc)
	if err != nil {
		return nil, err
	}
	*into, *base = s, *ss.base
	return func() { s.Close() }, nil
}
