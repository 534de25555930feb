package main

import (
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"
)

// storeDir and storeFile are where a workspace keeps its SQLite store.
const (
	storeDir  = ".tailor"
	storeFile = "store.db"
)

// workspaceStore returns the path of the workspace's SQLite store,
// .tailor/store.db in dir ("" for the current folder). With create it
// makes .tailor (0700, with a .gitignore that keeps the store out of
// git) through an os.Root of dir, so nothing is made outside it. Either
// way .tailor must be a real folder of dir and the store's files no
// symlinks: the store is never opened through a link out of the
// workspace.
func workspaceStore(dir string, create bool) (string, error) {
	base := dir
	if base == "" {
		base = "."
	}
	root, err := os.OpenRoot(base)
	if err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	defer root.Close()
	if create {
		switch err := root.Mkdir(storeDir, 0o700); {
		case err == nil:
			if err := root.WriteFile(filepath.Join(storeDir, ".gitignore"), []byte("*\n"), 0o600); err != nil {
				return "", fmt.Errorf("store: %w", err)
			}
		case !errors.Is(err, iofs.ErrExist):
			return "", fmt.Errorf("store: %w", err)
		}
	}
	fi, err := root.Lstat(storeDir)
	switch {
	case errors.Is(err, iofs.ErrNotExist) && !create:
		return filepath.Join(dir, storeDir, storeFile), nil
	case err != nil:
		return "", fmt.Errorf("store: %w", err)
	case !fi.IsDir():
		return "", fmt.Errorf("store: %s is not a folder (a symlink?): tailor keeps its store in a real folder of the workspace", filepath.Join(dir, storeDir))
	}
	for _, name := range []string{storeFile, storeFile + "-wal", storeFile + "-shm"} {
		fi, err := root.Lstat(filepath.Join(storeDir, name))
		if err == nil && !fi.Mode().IsRegular() {
			return "", fmt.Errorf("store: %s is not a regular file (a symlink?): tailor opens no store through a link", filepath.Join(dir, storeDir, name))
		}
	}
	return filepath.Join(dir, storeDir, storeFile), nil
}
