package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/tailor-email/tailor/examples/shop"
)

func runInit(env *cmdEnv, args []string) error {
	set := newFlags(env, "init")
	dirs, err := parseArgs(set, args, 1, 1)
	if err != nil {
		return err
	}
	dir := dirs[0]
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: give a new folder", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	src := shop.FS()
	if err := os.CopyFS(dir, src); err != nil {
		return fmt.Errorf("writing the workspace: %w", err)
	}
	n := 0
	fs.WalkDir(src, ".", func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	fmt.Fprintf(env.stdout, "wrote %d files to %s\nnext: tailor render --workspace %s\n", n, dir, dir)
	return nil
}
