package main

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/reload"
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

// TestPreviewTypesAsRender: a stored profile with a value that does not
// fit the schema gets on its preview page the very data error tailor
// render --from-store gives it: the same reader types both.
func TestPreviewTypesAsRender(t *testing.T) {
	t.Setenv("TAILOR_STORE", "")
	dir := t.TempDir()
	if err := os.CopyFS(dir, shop.FS()); err != nil {
		t.Fatal(err)
	}
	path, err := workspaceStore(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bad := store.Profile{ID: "s-1", Email: "bad@example.com",
		Data: []byte(`{"id":"s-1","email":"bad@example.com","first_name":"Bad","orders":"none","last_purchase_at":"yesterday"}`)}
	if err := st.Put(context.Background(), []store.Profile{bad}); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"render", "--workspace", dir, "--from-store", "--email", "newsletter", "--now", "2026-11-02T09:00:00Z"},
		&cmdEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}); code != 0 {
		t.Fatalf("render --from-store: exit %d\n%s", code, errb.String())
	}
	var line struct {
		DataErrors []string `json:"data_errors"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(out.Bytes()), &line); err != nil || len(line.DataErrors) != 2 {
		t.Fatalf("render --from-store: %v; want one line with two data errors:\n%s", err, out.String())
	}
	ws, err := reload.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	srv, err := preview.New(ws, preview.Options{Dir: dir, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	req := httptest.NewRequest("GET", "/email/newsletter/s/s-1", nil)
	req.Host = "127.0.0.1:8025"
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	for _, e := range line.DataErrors {
		if !strings.Contains(rec.Body.String(), html.EscapeString(e)) {
			t.Errorf("the preview page does not list render's data error %q (status %d)", e, rec.Code)
		}
	}
}
