package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// rootFiles returns Files over dir, read through an os.Root.
func rootFiles(t *testing.T, dir string) Files {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return Files{FS: root.FS()}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReadTextStaysInside(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	write(t, outside, "TOP SECRET")
	dir := t.TempDir()
	write(t, filepath.Join(dir, "modules/hero/a.md"), "---\n---\nhi\n")
	for link, target := range map[string]string{
		"modules/hero/out.md": outside,
		"modules/hero/in.md":  "a.md",
		"modules/hero/up.md":  "../../../" + filepath.Base(filepath.Dir(outside)) + "/secret.txt",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	f := rootFiles(t, dir)
	if b, err := f.ReadText("modules/hero/in.md"); err != nil || string(b) != "---\n---\nhi\n" {
		t.Errorf("a symlink inside the workspace: %q, %v", b, err)
	}
	for _, name := range []string{"modules/hero/out.md", "modules/hero/up.md"} {
		b, err := f.ReadText(name)
		if err == nil || b != nil {
			t.Fatalf("%s: read %q", name, b)
		}
		if msg := err.Error(); !strings.HasPrefix(msg, name+":1:1: leaves the workspace") || strings.Contains(msg, "SECRET") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestGlobRefusesFoldersOutside(t *testing.T) {
	outside := t.TempDir()
	write(t, filepath.Join(outside, "x.md"), "---\n---\nTOP SECRET\n")
	dir := t.TempDir()
	write(t, filepath.Join(dir, "modules/hero/a.md"), "---\n---\nhi\n")
	write(t, filepath.Join(dir, "modules/hero/notes.txt"), "x")
	f := rootFiles(t, dir)
	got, err := f.Glob("modules/*/*")
	if err != nil || strings.Join(got, " ") != "modules/hero/a.md modules/hero/notes.txt" {
		t.Fatalf("Glob = %v, %v", got, err)
	}
	if got, err := f.Glob("styles/*.css"); err != nil || len(got) != 0 {
		t.Errorf("a folder that is not there: %v, %v", got, err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "modules/evil")); err != nil {
		t.Fatal(err)
	}
	got, err = f.Glob("modules/*/*")
	if err == nil || !strings.HasPrefix(err.Error(), "modules/evil: leaves the workspace") {
		t.Fatalf("Glob = %v, %v; want an error naming modules/evil", got, err)
	}
}

func TestReadTextRefusesNonText(t *testing.T) {
	big := strings.Repeat("x", MaxFileBytes+1)
	f := Files{FS: fstest.MapFS{
		"nul.html":  {Data: []byte("<p>ok</p>\n<p>a\x00b</p>")},
		"utf8.md":   {Data: []byte("---\n---\ncaf\xe9\n")},
		"big.css":   {Data: []byte(big)},
		"fine.html": {Data: []byte("<p>café ✓</p>\n")},
		"dir.html":  {Mode: fs.ModeDir},
	}}
	for name, want := range map[string]string{
		"nul.html": "nul.html:2:5: binary content: a NUL byte",
		"utf8.md":  "utf8.md:3:4: binary content: invalid UTF-8",
		"big.css":  "big.css:1:1: the file is 4194305 bytes, over the limit of 4194304",
		"dir.html": "dir.html:1:1: not a regular file",
		"gone.md":  "gone.md:1:1: cannot be read: ",
	} {
		_, err := f.ReadText(name)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
	}
	if _, err := f.ReadText("gone.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v is not fs.ErrNotExist", err)
	}
	if b, err := f.ReadText("fine.html"); err != nil || string(b) != "<p>café ✓</p>\n" {
		t.Errorf("fine.html: %q, %v", b, err)
	}
}

// TestReadTextRefusesAFIFO checks that a named pipe is refused rather than
// read, which would wait for a writer for ever.
func TestReadTextRefusesAFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.html"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	_, err := rootFiles(t, dir).ReadText("pipe.html")
	if err == nil || !strings.HasPrefix(err.Error(), "pipe.html:1:1: not a regular file") {
		t.Errorf("err = %v", err)
	}
}
