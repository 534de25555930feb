package reload

import (
	"fmt"
	"io/fs"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/workspace"
)

// Build is the outcome of one load of the workspace.
type Build struct {
	Version  int              // counts builds, good or bad, from 1
	Campaign *render.Campaign // nil when Err is set
	Err      error
	At       time.Time     // when it finished
	Took     time.Duration // how long it took
	// Changed lists the files and folders (slash-separated, relative to
	// the workspace) whose changes Watch saw before this build started, so
	// the build reflects them; it is empty for Open's and Reload's builds.
	// A test that changes a file can wait for the build naming it.
	Changed []string
}

// Workspace is a workspace folder and its last good build.
type Workspace struct {
	load    func() (*render.Campaign, error)
	dir     string            // "" for a workspace that cannot change (embedded)
	folder  *workspace.Folder // the open folder, nil for an embedded workspace
	fsys    fs.FS
	good    atomic.Pointer[Build]
	last    atomic.Pointer[Build]
	version atomic.Int64

	mu        sync.Mutex
	subs      map[chan Build]struct{}
	ready     chan struct{} // closed once Watch watches the folder
	readyOnce sync.Once
	// Delay is how long Watch waits after an event for more before it
	// rebuilds; zero means 100ms.
	Delay time.Duration
}

// Open builds the workspace in dir (or fsys, when dir is "", which then
// never changes) once. It fails only if that first build fails. The folder
// is read through an os.Root (workspace.Open), so no path or symlink leads
// out of it; Close releases it.
func Open(dir string, fsys fs.FS, opts ...render.Option) (*Workspace, error) {
	w := &Workspace{dir: dir, fsys: fsys, subs: map[chan Build]struct{}{}, ready: make(chan struct{})}
	if dir != "" {
		folder, err := workspace.Open(dir)
		if err != nil {
			return nil, err
		}
		w.folder, w.fsys = folder, folder.FS()
	}
	w.load = func() (*render.Campaign, error) { return render.Load(w.fsys, opts...) }
	if b := w.Reload(); b.Err != nil {
		w.Close()
		return nil, b.Err
	}
	return w, nil
}

// FS returns the workspace's files, as builds read them.
func (w *Workspace) FS() fs.FS { return w.fsys }

// Close releases the workspace folder. Builds that start afterwards fail.
func (w *Workspace) Close() error {
	if w.folder == nil {
		return nil
	}
	return w.folder.Close()
}

// Watching returns a channel that is closed once Watch watches the
// workspace folder: a change made after that starts a build.
func (w *Workspace) Watching() <-chan struct{} { return w.ready }

// Current returns the last good Campaign.
func (w *Workspace) Current() *render.Campaign { return w.good.Load().Campaign }

// Good returns the last good build.
func (w *Workspace) Good() Build { return *w.good.Load() }

// Last returns the last build, which may have failed.
func (w *Workspace) Last() Build { return *w.last.Load() }

// Reload rebuilds now and publishes the result.
func (w *Workspace) Reload() Build { return w.rebuild(nil) }

func (w *Workspace) rebuild(changed []string) Build {
	start := time.Now()
	c, err := w.build()
	b := &Build{Version: int(w.version.Add(1)), Campaign: c, Err: err, At: time.Now(), Took: time.Since(start), Changed: changed}
	if err == nil {
		w.good.Store(b)
	}
	w.last.Store(b)
	w.publish(*b)
	return *b
}

// build loads the workspace. Loading returns an error for every state of
// the files; should it panic all the same, the panic becomes the build's
// error, with its stack, rather than ending the server.
func (w *Workspace) build() (c *render.Campaign, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("internal error: loading the workspace panicked (a bug in tailor: please report it): %v\n%s", r, debug.Stack())
		}
	}()
	return w.load()
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
