package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// small returns a small valid workspace; each test changes one file.
func small() fstest.MapFS {
	return fstest.MapFS{
		"tailor.yaml":                 {Data: []byte("name: t\nfrom: \"T <t@example.com>\"\nnow: \"2026-01-01T00:00:00Z\"\nlimits: {timeout: 300ms, max_bytes: 65536}\n")},
		"segments.yaml":               {Data: []byte("segments:\n  - name: vip\n    when: spent >= 100\n")},
		"templates/layouts/base.html": {Data: []byte("<!DOCTYPE html>\n<html><head><title>{{ .Subject }}</title></head>\n<body>\n{{ template \"content\" . }}\n</body></html>\n")},
		"templates/hello.html":        {Data: []byte("---\nsubject: Hi {{ .Profile.name | default \"there\" }}\npreheader: A short note\n---\n<p class=\"greet\">Hello {{ .Profile.name }}</p>\n{{ .Slots.hero }}\n")},
		"modules/hero/default.md":     {Data: []byte("---\n---\n# Welcome {{ .Profile.name | default \"friend\" }}\n")},
		"modules/hero/vip.html":       {Data: []byte("---\nsegments: [vip]\n---\n<h1>Thanks, big spender</h1>\n")},
		"styles/main.css":             {Data: []byte(".greet { color: #333333; }\n")},
		"styles/a.css":                {Data: []byte("p { margin: 0; }\n")},
	}
}

func mustLoad(t *testing.T, fsys fs.FS) *Workspace {
	t.Helper()
	w, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestLoadReadsEveryPart checks what Load gives for the small workspace:
// tailor.yaml with its defaults, the rules, the templates, the modules and
// the styles in name order.
func TestLoadReadsEveryPart(t *testing.T) {
	w := mustLoad(t, small())
	c := w.Config
	if c.Name != "t" || c.From != "T <t@example.com>" || c.IDField != "id" || c.EmailField != "email" || c.Locale != "en-US" {
		t.Errorf("config: %+v", c)
	}
	if c.Limits.MaxBytes != 65536 || c.Limits.MaxSteps != 1_000_000 || c.Limits.MaxFrontMatter != 1<<20 {
		t.Errorf("limits: %+v", c.Limits)
	}
	if c.Timeout() != 300*time.Millisecond || !c.Clock().Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) || c.Location() != time.UTC {
		t.Errorf("timeout %v, clock %v, location %v", c.Timeout(), c.Clock(), c.Location())
	}
	if got := w.Rules.Segments(); !slices.Equal(got, []string{"vip"}) {
		t.Errorf("segments %v", got)
	}
	if len(w.Templates.Emails) != 1 || w.Templates.Emails[0].Name != "hello" || w.Templates.Emails[0].Layout != "base" {
		t.Errorf("emails %+v", w.Templates.Emails)
	}
	var ids []string
	for _, m := range w.Modules.All() {
		ids = append(ids, m.ID)
	}
	if slices.Sort(ids); !slices.Equal(ids, []string{"hero/default", "hero/vip"}) {
		t.Errorf("modules %v", ids)
	}
	want := []Stylesheet{{"styles/a.css", "p { margin: 0; }\n"}, {"styles/main.css", ".greet { color: #333333; }\n"}}
	if !slices.Equal(w.Styles, want) {
		t.Errorf("styles %+v, want %+v", w.Styles, want)
	}
}

// TestDefaultsOfAnEmptyConfig: an empty tailor.yaml is a workspace on the
// wall clock, in UTC, with a 2s timeout.
func TestDefaultsOfAnEmptyConfig(t *testing.T) {
	ws := small()
	ws["tailor.yaml"] = &fstest.MapFile{Data: nil}
	c := mustLoad(t, ws).Config
	if !c.Clock().IsZero() || c.Timeout() != 2*time.Second || c.Location() != time.UTC || c.Limits.MaxBytes != 1<<20 {
		t.Errorf("clock %v, timeout %v, location %v, limits %+v", c.Clock(), c.Timeout(), c.Location(), c.Limits)
	}
	ws["tailor.yaml"] = &fstest.MapFile{Data: []byte("timezone: Europe/London\nlimits: {timeout: 5s}\nid_field: uid\nemail_field: mail\n")}
	c = mustLoad(t, ws).Config
	if c.Location().String() != "Europe/London" || c.Timeout() != 5*time.Second || c.IDField != "uid" || c.EmailField != "mail" {
		t.Errorf("location %v, timeout %v, fields %s %s", c.Location(), c.Timeout(), c.IDField, c.EmailField)
	}
}

// TestNoConfigIsNotAWorkspace: a folder without tailor.yaml is refused,
// and the error says the file does not exist.
func TestNoConfigIsNotAWorkspace(t *testing.T) {
	ws := small()
	delete(ws, "tailor.yaml")
	_, err := Load(ws)
	if err == nil || !strings.HasPrefix(err.Error(), "no tailor.yaml: not a workspace") || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v", err)
	}
}

// TestNoRulesFile: segments.yaml is optional.
func TestNoRulesFile(t *testing.T) {
	ws := small()
	delete(ws, "segments.yaml")
	if w := mustLoad(t, ws); len(w.Rules.Segments()) != 0 {
		t.Errorf("segments %v, want none", w.Rules.Segments())
	}
}

// TestFixtures reads testdata/recipients/ through the workspace's files.
func TestFixtures(t *testing.T) {
	ws := small()
	ws["testdata/recipients/a.json"] = &fstest.MapFile{Data: []byte(`{"id": "a", "name": "Ann"}`)}
	ws["testdata/recipients/b.jsonl"] = &fstest.MapFile{Data: []byte("{\"id\": \"b\"}\n{\"id\": \"c\"}\n")}
	recs, err := mustLoad(t, ws).Fixtures()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range recs {
		ids = append(ids, fmt.Sprint(r.Profile["id"]))
	}
	if !slices.Equal(ids, []string{"a", "b", "c"}) {
		t.Errorf("fixtures %v", ids)
	}
	ws["testdata/recipients/c.json"] = &fstest.MapFile{Data: []byte(`{"id": `)}
	if _, err := mustLoad(t, ws).Fixtures(); err == nil || !strings.Contains(err.Error(), "testdata/recipients/c.json") {
		t.Errorf("a broken fixture: err = %v", err)
	}
}

// TestSymlinksStayInside writes the small workspace to a folder, opens it
// with Open, and points a partial, a module and a stylesheet in turn at a
// file outside: the load fails naming the link, and the file's content is
// nowhere, not even in the error. A symlink that stays inside is followed.
func TestSymlinksStayInside(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(secret, []byte("root:x:0:0:TOP-SECRET:/root:/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{"templates/partials/footer.html", "modules/hero/extra.md", "styles/extra.css", "segments.yaml"} {
		t.Run(link, func(t *testing.T) {
			dir := writeWorkspace(t)
			symlink(t, secret, filepath.Join(dir, link))
			w, err := open(t, dir).Load()
			if err == nil {
				t.Fatalf("Load followed %s out of the workspace", link)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, link+":1:1: leaves the workspace") || strings.Contains(msg, "SECRET") {
				t.Errorf("err = %v", err)
			}
			if w != nil {
				t.Error("a workspace and an error")
			}
		})
	}
	dir := writeWorkspace(t)
	symlink(t, "main.css", filepath.Join(dir, "styles/same.css"))
	w, err := open(t, dir).Load()
	if err != nil {
		t.Fatalf("a symlink inside the workspace: %v", err)
	}
	if len(w.Styles) != 3 || w.Styles[2].File != "styles/same.css" || w.Styles[2].CSS != w.Styles[1].CSS {
		t.Errorf("styles %+v", w.Styles)
	}
}

// TestOpenAndClose: a folder that is not there is an error; reads after
// Close fail.
func TestOpenAndClose(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "nope")); err == nil || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Open of a missing folder: %v", err)
	}
	f, err := Open(writeWorkspace(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Load(); err == nil {
		t.Fatal("Load after Close succeeded")
	}
}

func writeWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, small()); err != nil {
		t.Fatal(err)
	}
	return dir
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(link); err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func open(t *testing.T, dir string) *Folder {
	t.Helper()
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
