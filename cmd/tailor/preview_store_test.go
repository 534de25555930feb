package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/store"
)

// TestPreviewStore: tailor preview shows the store of --store, else
// $TAILOR_STORE, else the workspace's .tailor/store.db when it exists,
// and never makes one: not in a workspace without one, not at a --store
// path that is not there, and the built-in example has none.
func TestPreviewStore(t *testing.T) {
	t.Setenv("TAILOR_STORE", "")
	ws := t.TempDir()
	var log bytes.Buffer
	if s, err := previewStore(&log, "", ws); err != nil || s != nil {
		t.Fatalf("a workspace without a store: %v, %v; want none", s, err)
	}
	if _, err := os.Lstat(filepath.Join(ws, ".tailor")); !os.IsNotExist(err) {
		t.Errorf("the preview made .tailor: %v", err)
	}
	if s, err := previewStore(&log, "", ""); err != nil || s != nil {
		t.Errorf("the built-in example: %v, %v; want none", s, err)
	}
	missing := filepath.Join(t.TempDir(), "nope.db")
	if _, err := previewStore(&log, missing, ws); err == nil || !strings.Contains(err.Error(), "no store at") {
		t.Errorf("--store at a missing file: %v, want no store at", err)
	}
	if _, err := os.Lstat(missing); !os.IsNotExist(err) {
		t.Errorf("--store made %s: %v", missing, err)
	}
	path, err := workspaceStore(ws, true)
	if err != nil {
		t.Fatal(err)
	}
	putProfile(t, path, "in-workspace")
	other := filepath.Join(t.TempDir(), "other.db")
	putProfile(t, other, "in-other")
	for _, tc := range []struct{ flag, env, want string }{
		{"", "", "in-workspace"},
		{other, "", "in-other"},
		{"", other, "in-other"},
	} {
		t.Setenv("TAILOR_STORE", tc.env)
		s, err := previewStore(&log, tc.flag, ws)
		if err != nil || s == nil {
			t.Fatalf("--store %q, $TAILOR_STORE %q: %v, %v", tc.flag, tc.env, s, err)
		}
		got, err := s.Get(context.Background(), tc.want)
		s.Close()
		if err != nil || len(got) != 1 {
			t.Errorf("--store %q, $TAILOR_STORE %q: not the store holding %s (%v)", tc.flag, tc.env, tc.want, err)
		}
	}
	if s, err := previewStore(&log, "", ""); err != nil || s == nil {
		t.Errorf("the built-in example with $TAILOR_STORE: %v, %v; want that store", s, err)
	} else {
		s.Close()
	}
	if !strings.Contains(log.String(), "tailor preview: stored recipients from "+path+"\n") {
		t.Errorf("the preview does not say it shows %s:\n%s", path, log.String())
	}
	if !strings.Contains(log.String(), "tailor preview: stored recipients from "+other) {
		t.Errorf("the preview does not say which store it shows:\n%s", log.String())
	}
}

// putProfile stores one profile with id in the SQLite store at path.
func putProfile(t *testing.T, path, id string) {
	t.Helper()
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Put(context.Background(), []store.Profile{{ID: id, Data: []byte(`{"id":"` + id + `"}`)}}); err != nil {
		t.Fatal(err)
	}
}
