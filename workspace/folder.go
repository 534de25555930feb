package workspace

import (
	"fmt"
	"io/fs"
	"os"
)

// Folder is a workspace folder opened through an os.Root: no path and no
// symlink read through it leads out of the folder.
type Folder struct {
	root *os.Root
}

// Open opens the workspace folder dir. Close releases it; reads after that
// fail.
func Open(dir string) (*Folder, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("workspace: %w", err)
	}
	return &Folder{root: root}, nil
}

// FS returns the folder's files.
func (f *Folder) FS() fs.FS { return f.root.FS() }

// Load reads the workspace in the folder (see Load).
func (f *Folder) Load() (*Workspace, error) { return Load(f.FS()) }

// Close releases the folder.
func (f *Folder) Close() error { return f.root.Close() }
