package reload

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch rebuilds the workspace whenever its files change, until ctx ends.
// Events are batched: a rebuild starts once no event has come for Delay.
// An error of the watcher (events lost when too many came at once) starts
// a rebuild too, and does not end the watch.
func (w *Workspace) Watch(ctx context.Context) error {
	if w.dir == "" {
		w.readyOnce.Do(func() { close(w.ready) })
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
	w.readyOnce.Do(func() { close(w.ready) })
	delay := w.Delay
	if delay <= 0 {
		delay = 100 * time.Millisecond
	}
	b := &batch{w: w, fw: fw, delay: delay, timer: time.NewTimer(time.Hour), changed: map[string]bool{}}
	b.timer.Stop()
	return b.run(ctx)
}

// batch gathers the changes that one rebuild takes.
type batch struct {
	w       *Workspace
	fw      *fsnotify.Watcher
	delay   time.Duration
	timer   *time.Timer
	changed map[string]bool // workspace-relative names
}

var errClosed = errors.New("reload: watcher closed")

func (b *batch) run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-b.fw.Events:
			if !ok {
				return errClosed
			}
			b.note(ev)
		case _, ok := <-b.fw.Errors:
			if !ok {
				return errClosed
			}
			b.add(".")
		case <-b.timer.C:
			names := slices.Sorted(maps.Keys(b.changed))
			clear(b.changed)
			b.w.rebuild(names)
		}
	}
}

// note records an event's file, watching a new folder.
func (b *batch) note(ev fsnotify.Event) {
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			addTree(b.fw, ev.Name)
		}
	}
	if ignored(ev.Name) {
		return
	}
	rel, err := filepath.Rel(b.w.dir, ev.Name)
	if err != nil {
		rel = ev.Name
	}
	b.add(filepath.ToSlash(rel))
}

// add records a change and puts the rebuild off for the delay.
func (b *batch) add(name string) {
	b.changed[name] = true
	b.timer.Reset(b.delay)
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
