package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tailor-email/tailor/store"
)

// previewStore opens the audience store tailor preview shows, as render
// from a file finds one: loc (--store, else $TAILOR_STORE), else the
// workspace's .tailor/store.db when it exists. It never makes one: a
// SQLite file that is not there is an error, and the built-in example
// (dir "") has none without loc. nil for none.
func previewStore(stderr io.Writer, loc, dir string) (store.Store, error) {
	if loc == "" {
		loc = envStore()
	}
	if loc == "" {
		if dir == "" {
			return nil, nil
		}
		path, err := workspaceStore(dir, false)
		if err != nil {
			return nil, err
		}
		if _, err := os.Lstat(path); err != nil {
			return nil, nil
		}
		loc = path
	}
	if !strings.Contains(loc, "://") {
		if _, err := os.Stat(strings.TrimPrefix(loc, "sqlite:")); err != nil {
			return nil, fmt.Errorf("--store: no store at %s (tailor store import makes one): %w", loc, err)
		}
	}
	s, err := store.Open(context.Background(), loc)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "tailor preview: stored recipients from %s\n", store.Redact(loc))
	return s, nil
}
