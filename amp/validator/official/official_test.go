package official

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
)

// fakeTB records how a helper ended the test instead of ending it.
type fakeTB struct {
	testing.TB
	ended string // "skip" or "fatal"
	msg   string
}

type stop struct{}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Skip(args ...any) {
	f.ended, f.msg = "skip", fmt.Sprint(args...)
	panic(stop{})
}
func (f *fakeTB) Fatal(args ...any) {
	f.ended, f.msg = "fatal", fmt.Sprint(args...)
	panic(stop{})
}
func (f *fakeTB) Fatalf(format string, args ...any) { f.Fatal(fmt.Sprintf(format, args...)) }
func (f *fakeTB) Errorf(format string, args ...any) {
	f.ended, f.msg = "error", fmt.Sprintf(format, args...)
}

// call runs fn with a fakeTB and reports how it ended.
func call(fn func(t testing.TB)) (f *fakeTB) {
	f = &fakeTB{}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(stop); !ok {
				panic(r)
			}
		}
	}()
	fn(f)
	return f
}

func TestWrapperLookup(t *testing.T) {
	cases := []struct {
		name, wrapper, ci string
		ended, msg        string
	}{
		{"unset outside CI skips", "", "", "skip", "official AMP validator not installed"},
		{"unset in CI fails", "", "true", "fatal", "official AMP validator not installed"},
		{"missing file fails", "/nonexistent/amp-validator", "", "fatal", "no such file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(EnvVar, c.wrapper)
			t.Setenv("CI", c.ci)
			f := call(func(tb testing.TB) { Wrapper(tb) })
			if f.ended != c.ended || !strings.Contains(f.msg, c.msg) {
				t.Errorf("got %s %q, want %s containing %q", f.ended, f.msg, c.ended, c.msg)
			}
		})
	}
}

// TestCheckAndValidate uses a stand-in wrapper that answers like the
// official CLI with --format json: a.html passes, b.html fails.
func TestCheckAndValidate(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.html"), filepath.Join(dir, "b.html")
	script := fmt.Sprintf(`#!/bin/sh
echo '{"%s":{"status":"PASS","errors":[]},"%s":{"status":"FAIL","errors":[{"severity":"ERROR","line":3,"col":4,"message":"bad","specUrl":"u","code":"X"}]}}'
exit 1
`, a, b)
	wrapper := filepath.Join(dir, "amp-validator")
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvVar, wrapper)
	res := Check(t, a, b)
	if res[a].Status != "PASS" || res[b].Status != "FAIL" || res[b].Errors[0].Line != 3 {
		t.Fatalf("got %+v", res)
	}
	f := call(func(tb testing.TB) { Validate(tb, a, b) })
	if f.ended != "error" || !strings.Contains(f.msg, "b.html:3:4 ERROR bad") {
		t.Errorf("Validate should report b.html: got %s %q", f.ended, f.msg)
	}
}

// TestValidateDocs checks that in-memory documents reach the validator as
// files: the stand-in wrapper fails any file whose content says "bad".
func TestValidateDocs(t *testing.T) {
	dir := t.TempDir()
	wrapper := filepath.Join(dir, "amp-validator")
	script := `#!/bin/sh
shift 2 # --format json
printf '{'
sep=''
for f in "$@"; do
  status=PASS
  grep -q bad "$f" && status=FAIL
  printf '%s"%s":{"status":"%s","errors":[]}' "$sep" "$f" "$status"
  sep=','
done
printf '}'
`
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvVar, wrapper)
	ValidateDocs(t, map[string][]byte{"ok/alice": []byte("good")})
	f := call(func(tb testing.TB) { ValidateDocs(tb, map[string][]byte{"a": []byte("good"), "b b": []byte("bad")}) })
	if f.ended != "error" || !strings.Contains(f.msg, "001-b_b.html: FAIL") {
		t.Errorf("got %s %q", f.ended, f.msg)
	}
}
