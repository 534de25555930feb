package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tailor-email/tailor/examples/shop"
)

func runInit(env *cmdEnv, args []string) error {
	set := newFlags(env, "init")
	set.Usage = func() { fmt.Fprintln(env.stderr, "usage: tailor init DIR") }
	if err := set.Parse(args); err != nil {
		return err
	}
	if set.NArg() != 1 {
		set.Usage()
		return exitError{code: 2}
	}
	dir := set.Arg(0)
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: give a new folder", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	src := shop.FS()
	n := 0
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		n++
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		return fmt.Errorf("writing the workspace: %w", err)
	}
	fmt.Fprintf(env.stdout, "wrote %d files to %s\nnext: tailor render --workspace %s\n", n, dir, dir)
	return nil
}
