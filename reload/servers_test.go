package reload_test

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/internal/mutate"
	"github.com/tailor-email/tailor/reload"
)

// Bounds of TestServersSurviveEdits on runtime.NumGoroutine(), over the
// count before the servers start. While they run: their watchers, build
// loops and event streams, the test's clients and the HTTP connections
// (about 40 in all). After they stop: only the HTTP client's connection
// goroutines, at most two for each of its connections, may still be on
// their way out. A goroutine leaked by each reload would pass both, as
// there are 200.
const (
	goroutinesWhileRunning = 80
	goroutinesAfter        = 2 * 2 * clients
	clients                = 3 // per server
	mutations              = 200
	restoreEvery           = 10          // mutations; so that builds go from good to bad and back
	buildTimeout           = time.Minute // a build that never comes fails the test
)

// placedError is how a failed build's error starts: a workspace file and a
// line, or what is missing.
var placedError = regexp.MustCompile(`^([A-Za-z0-9_./-]+:\d+(:\d+)?: |no tailor\.yaml: not a workspace|templates: no email found)`)

// TestServersSurviveEdits starts the real preview server and the real
// render API on a copy of the example workspace, each with its own
// reload.Workspace watching the folder, and makes 200 random mutations of
// its files (package mutate, as FuzzLoad does, from a seeded math/rand;
// the files are put back every 10) while clients keep requesting pages and
// renders from both. After each
// mutation it waits for the build of both servers that reflects it.
// Nothing may panic or end a server; every request is answered, with the
// last good build or an error page (never a 5xx); every failed build names
// its place; the goroutine count stays bounded. Restoring the files then
// gives a good build that both serve.
func TestServersSurviveEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("200 reloads under load: not in -short mode")
	}
	before := runtime.NumGoroutine()
	dir := t.TempDir()
	if err := os.CopyFS(dir, shop.FS()); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "testdata", "golden")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "testdata", "sync"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := startServers(t, dir)
	load := startClients(env)
	ws := mutate.New(readTree(t, dir))
	src := mutate.Rand{R: rand.New(rand.NewPCG(20261203, 1))}
	most := 0
	for i := range mutations {
		if i%restoreEvery == 0 {
			restore(t, dir, ws)
		}
		m := ws.Next(src)
		apply(t, dir, m)
		env.sync(t, i, m)
		most = max(most, runtime.NumGoroutine())
	}
	restore(t, dir, ws)
	env.sync(t, mutations, mutate.Mutation{Kind: mutate.Restore})
	env.checkRestored(t)
	load.stop(t)
	env.stop()
	t.Logf("%d requests, %d answered 200; builds: preview %d failed of %d, serve %d failed of %d; at most %d goroutines (%d before)",
		load.total, load.ok, env.preview.failed, env.preview.builds, env.serve.failed, env.serve.builds, most, before)
	if most > before+goroutinesWhileRunning {
		t.Errorf("%d goroutines while running, over %d + %d", most, before, goroutinesWhileRunning)
	}
	if after := runtime.NumGoroutine(); after > before+goroutinesAfter {
		t.Errorf("%d goroutines after the servers stopped, over %d + %d", after, before, goroutinesAfter)
	}
	if good := env.preview.builds - env.preview.failed; env.preview.failed < mutations/4 || good < mutations/10 {
		t.Errorf("preview: %d of %d builds failed: the mutations should break many, not all", env.preview.failed, env.preview.builds)
	}
}

// readTree returns the workspace's files under dir.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[name], err = os.ReadFile(filepath.Join(dir, name))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// apply makes a mutation on disk.
func apply(t *testing.T, dir string, m mutate.Mutation) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(m.File))
	if m.Data == nil {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, m.Data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// restore writes every original file back and removes the created ones.
func restore(t *testing.T, dir string, ws *mutate.Workspace) {
	t.Helper()
	for _, m := range ws.Restore() {
		apply(t, dir, m)
	}
}

// builds follows one workspace's builds: it checks each as it comes and
// tells which sync files they name.
type builds struct {
	name           string
	ws             *reload.Workspace
	synced         chan string // testdata/sync/N, as builds name them
	mu             sync.Mutex
	builds, failed int
	bad            []string // problems found in builds
}

func follow(name string, ws *reload.Workspace, done <-chan struct{}) *builds {
	b := &builds{name: name, ws: ws, synced: make(chan string, mutations+1)}
	ch, cancel := ws.Subscribe()
	go func() {
		defer cancel()
		for {
			select {
			case <-done:
				return
			case bd := <-ch:
				b.note(bd)
			}
		}
	}()
	return b
}

func (b *builds) note(bd reload.Build) {
	b.mu.Lock()
	b.builds++
	if bd.Err != nil {
		b.failed++
		if msg := bd.Err.Error(); !placedError.MatchString(msg) || strings.Contains(msg, "panicked") {
			b.bad = append(b.bad, fmt.Sprintf("%s build %d: an error without its place, or a panic:\n%.600s", b.name, bd.Version, msg))
		}
	}
	b.mu.Unlock()
	for _, name := range bd.Changed {
		if strings.HasPrefix(name, "testdata/sync/") {
			b.synced <- name
		}
	}
}

// wait returns once a build names the sync file.
func (b *builds) wait(t *testing.T, name string, m mutate.Mutation) {
	t.Helper()
	timeout := time.After(buildTimeout)
	for {
		select {
		case got := <-b.synced:
			if got == name {
				return
			}
		case <-timeout:
			t.Fatalf("%s: no build after %s within %v", b.name, m, buildTimeout)
		}
	}
}

func (b *builds) problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.bad
}
