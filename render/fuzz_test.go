package render_test

import (
	"io/fs"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/internal/mutate"
	"github.com/tailor-email/tailor/render"
)

// Bounds of one Load in FuzzLoad: far above what the example costs (about
// 50 ms and 60 MB), far below what an unbounded parser spends on the
// inputs that are refused (gigabytes, minutes).
const (
	fuzzLoadTime  = time.Minute
	fuzzLoadBytes = 1 << 30 // allocated, in total
)

// FuzzLoad loads the example workspace after up to four mutations of its
// files (package mutate: emptied, truncated, garbage, huge, YAML aliases,
// deleted, a fragment spliced in, a file created, restored), chosen by the
// fuzzer's bytes. Load must return a Campaign or an error that names a
// file, line and column, within bounded time and memory, and never panic.
func FuzzLoad(f *testing.F) {
	orig := exampleFiles(f)
	for kind := range 9 { // one mutation of each kind, to four files
		for file := range 4 {
			f.Add([]byte{0, byte(kind), byte(file * 9), 7, 200, 3, 9})
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src := mutate.NewBytes(data)
		ws := mutate.New(orig)
		var done []string
		for range 1 + src.Intn(4) {
			done = append(done, ws.Next(src).String())
		}
		fsys := fstest.MapFS{}
		for name, b := range ws.Files {
			fsys[name] = &fstest.MapFile{Data: b}
		}
		c, err, alloc := boundedLoad(t, fsys)
		if (c == nil) == (err == nil) {
			t.Fatalf("after %s: Load returned campaign %v and error %v", done, c != nil, err)
		}
		if alloc > fuzzLoadBytes {
			t.Errorf("after %s: Load allocated %d MB, over the bound of %d MB", done, alloc>>20, fuzzLoadBytes>>20)
		}
		if err != nil {
			checkPlaced(t, done, err)
		}
	})
}

// exampleFiles returns the files of the example workspace that Load reads.
func exampleFiles(tb testing.TB) map[string][]byte {
	tb.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(shop.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(name, "testdata/") {
			return err
		}
		files[name], err = fs.ReadFile(shop.FS(), name)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// boundedLoad loads fsys and returns what it allocated, failing the test
// if it takes longer than fuzzLoadTime.
func boundedLoad(t *testing.T, fsys fs.FS) (*render.Campaign, error, uint64) {
	type result struct {
		c   *render.Campaign
		err error
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ch := make(chan result, 1)
	go func() {
		c, err := render.Load(fsys)
		ch <- result{c, err}
	}()
	select {
	case r := <-ch:
		runtime.ReadMemStats(&after)
		return r.c, r.err, after.TotalAlloc - before.TotalAlloc
	case <-time.After(fuzzLoadTime):
		t.Fatalf("Load ran for more than %v", fuzzLoadTime)
	}
	return nil, nil, 0
}

// placed is how each load error starts: a workspace file and a line, and
// a column unless the problem is a whole file's.
var placed = regexp.MustCompile(`^(tailor\.yaml|segments\.yaml|schema\.yaml|templates/[^:]+|modules/[^:]+|styles/[^:]+):\d+(:\d+)?: `)

// unplaced are the errors about what is missing, which have no place.
var unplaced = regexp.MustCompile(`^(no tailor\.yaml: not a workspace|templates: no email found)`)

// checkPlaced fails unless every error err joins names its place.
func checkPlaced(t *testing.T, done []string, err error) {
	t.Helper()
	for _, e := range splitJoined(err) {
		msg := e.Error()
		if !placed.MatchString(msg) && !unplaced.MatchString(msg) {
			t.Errorf("after %s: an error without its place:\n%.500s", done, msg)
		}
	}
}

// splitJoined returns the errors that errors.Join put together, at any
// depth.
func splitJoined(err error) []error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, splitJoined(e)...)
	}
	return out
}
