package main

import (
	"context"
	"flag"
	"os"

	"github.com/tailor-email/tailor/store"
)

// serveStore is tailor serve's audience store: --store, else
// $TAILOR_STORE, else none.
type serveStore struct {
	loc, base *string
}

// serveStoreFlags adds --store and --unsubscribe-base to set.
func serveStoreFlags(set *flag.FlagSet) serveStore {
	return serveStore{
		loc:  set.String("store", os.Getenv("TAILOR_STORE"), "keep events, profiles and suppressions in the store at `LOC` (a SQLite file such as .tailor/store.db, or postgres://...; default $TAILOR_STORE): serves POST /v1/unsubscribe and DELETE /v1/profiles/{id}"),
		base: set.String("unsubscribe-base", "", "with --store: the `URL` (https://host) at which this server's signed unsubscribe URLs are reached (default: the origin of tailor.yaml's unsubscribe:)"),
	}
}

// open opens the store into opts (nothing without one); the function it
// returns closes it.
func (ss serveStore) open(into *store.Store, base *string) (func(), error) {
	if *ss.loc == "" {
		return func() {}, nil
	}
	s, err := store.Open(context.Background(), *ss.loc)
	if err != nil {
		return nil, err
	}
	*into, *base = s, *ss.base
	return func() { s.Close() }, nil
}
