package main

import (
	"flag"
	"fmt"
	"io/fs"
	"time"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/workspace"
)

// workspaceFlag adds --workspace to fs and returns a function that opens
// it: the folder given, or the built-in example workspace.
func workspaceFlag(set *flag.FlagSet) func() (fs.FS, string) {
	dir := set.String("workspace", "", "workspace `DIR` (default: the built-in example)")
	return func() (fs.FS, string) { return openWorkspace(*dir) }
}

// openWorkspace returns the files of the workspace folder dir, or of the
// built-in example for "", and the workspace's name for messages.
func openWorkspace(dir string) (fs.FS, string) {
	if dir == "" {
		return shop.FS(), "built-in example"
	}
	return workspaceFS(dir), dir
}

// workspaceFS returns the files of the workspace folder dir, read through
// an os.Root (workspace.Open) so that no path or symlink leads out of it.
// The folder stays open until the command ends. When it cannot be opened,
// every read fails with the reason.
func workspaceFS(dir string) fs.FS {
	folder, err := workspace.Open(dir)
	if err != nil {
		return failFS{err}
	}
	return folder.FS()
}

// failFS is a file system whose every read fails with err.
type failFS struct{ err error }

func (f failFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: f.err}
}

// nowFlag adds --now to fs.
func nowFlag(set *flag.FlagSet) func() (time.Time, error) {
	s := set.String("now", "", "the clock, RFC 3339 (default: tailor.yaml's now, else the wall clock)")
	return func() (time.Time, error) {
		if *s == "" {
			return time.Time{}, nil
		}
		t, err := time.Parse(time.RFC3339, *s)
		if err != nil {
			return time.Time{}, fmt.Errorf("--now: want RFC 3339 like 2026-11-02T09:00:00Z: %w", err)
		}
		return t, nil
	}
}

// readOptions are the options to read a campaign's recipients with: its
// schema, or inference (workspace.ReadOptions).
func readOptions(c *render.Campaign) recipients.Options {
	return workspace.ReadOptions(c.Schema, c.Config)
}

// loadCampaign reads and compiles a workspace, naming it in errors.
func loadCampaign(fsys fs.FS, name string, opts ...render.Option) (*render.Campaign, error) {
	_, c, err := compileWorkspace(fsys, name, opts...)
	return c, err
}

// compileWorkspace reads a workspace and compiles it, naming it in errors.
func compileWorkspace(fsys fs.FS, name string, opts ...render.Option) (*workspace.Workspace, *render.Campaign, error) {
	ws, err := workspace.Load(fsys)
	if err != nil {
		return nil, nil, fmt.Errorf("workspace %s:\n%w", name, err)
	}
	c, err := render.Compile(ws, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("workspace %s:\n%w", name, err)
	}
	return ws, c, nil
}
