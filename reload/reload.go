package reload

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/tailor-email/tailor/render"
)

// Build is the outcome of one load of the workspace.
type Build struct {
	Version  int              // counts builds, good or bad, from 1
	Campaign *render.Campaign // nil when Err is set
	Err      error
	At       time.Time     // when it finished
	Took     time.Duration // how long it took
}

// Workspace is a workspace folder and its last good build.
type Workspace struct {
	load    func() (*render.Campaign, error)
	dir     string // "" for a workspace that cannot change (embedded)
	good    atomic.Pointer[Build]
	last    atomic.Pointer[Build]
	version atomic.Int64

	mu   sync.Mutex
	subs map[chan Build]struct{}
	// Delay is how long Watch waits after an event for more before it
	// rebuilds; zero means 100ms.
	Delay time.Duration
}

// Open builds the workspace in dir (or fsys, when dir is "", which then
// never changes) once. It fails only if that first build fails.
func Open(dir string, fsys fs.FS, opts ...render.Option) (*Workspace, error) {
	if dir != "" {
		fsys = os.DirFS(dir)
	}
	w := &Workspace{dir: dir, subs: map[chan Build]struct{}{}}
	w.load = func() (*render.Campaign, error) { return render.Load(fsys, opts...) }
	if b := w.Reload(); b.Err != nil {
		return nil, b.Err
	}
	return w, nil
}

// Current returns the last good Campaign.
func (w *Workspace) Current() *render.Campaign { return w.good.Load().Campaign }

// Good returns the last good build.
func (w *Workspace) Good() Build { return *w.good.Load() }

// Last returns the last build, which may have failed.
func (w *Workspace) Last() Build { return *w.last.Load() }

// Reload rebuilds now and publishes the result.
func (w *Workspace) Reload() Build {
	start := time.Now()
	c, err := w.load()
	b := &Build{Version: int(w.version.Add(1)), Campaign: c, Err: err, At: time.Now(), Took: time.Since(start)}
	if err == nil {
		w.good.Store(b)
	}
	w.last.Store(b)
	w.publish(*b)
	return *b
}

// Subscribe returns a channel that receives every build from now on, and a
// function that ends the subscription. A subscriber that does not keep up
// misses builds rather than blocking the others.
func (w *Workspace) Subscribe() (<-chan Build, func()) {
	ch := make(chan Build, 4)
	w.mu.Lock()
	w.subs[ch] = struct{}{}
	w.mu.Unlock()
	return ch, func() {
		w.mu.Lock()
		delete(w.subs, ch)
		w.mu.Unlock()
	}
}

func (w *Workspace) publish(b Build) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for ch := range w.subs {
		select {
		case ch <- b:
		default:
		}
	}
}

// Watch rebuilds the workspace whenever its files change, until ctx ends.
// Events are batched: a rebuild starts once no event has come for Delay.
func (w *Workspace) Watch(ctx context.Context) error {
	if w.dir == "" {
		<-ctx.Done()
		return nil
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer fw.Close()
	if err := addTree(fw, w.dir); err != nil {
		return err
	}
	delay := w.Delay
	if delay <= 0 {
		delay = 100 * time.Millisecond
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return errors.New("reload: watcher closed")
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					addTree(fw, ev.Name)
				}
			}
			if ignored(ev.Name) {
				continue
			}
			timer.Reset(delay)
		case err := <-fw.Errors:
			return err
		case <-timer.C:
			w.Reload()
		}
	}
}

// addTree watches dir and every folder below it, except hidden ones and
// golden output.
func addTree(fw *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "golden") {
			return filepath.SkipDir
		}
		return fw.Add(p)
	})
}

// ignored reports editor droppings that change no workspace file.
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp")
}
