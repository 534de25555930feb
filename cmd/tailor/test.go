package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/tailor-email/tailor/golden"
	"github.com/tailor-email/tailor/render"
)

func runTest(env *cmdEnv, args []string) error {
	set := newFlags(env, "test")
	dir := set.String("workspace", "", "workspace `DIR` (default: the built-in example, read-only)")
	update := set.Bool("update", false, "rewrite the goldens that differ or are missing, remove stale ones, and say which")
	shots := set.Bool("screenshots", false, "also compare a screenshot per email x fixture at 375 and 600 px, light and dark, in headless Chromium (docs/check.md)")
	now := nowFlag(set)
	if _, err := parseArgs(set, args, 0, 0); err != nil {
		return err
	}
	t, err := now()
	if err != nil {
		return err
	}
	if *dir == "" && *update {
		return errors.New("--update: the built-in example is read-only; run tailor init DIR, then tailor test --workspace DIR --update")
	}
	if err := isDir(*dir); err != nil {
		return err
	}
	fsys, name := openWorkspace(*dir)
	c, err := loadTestCampaign(fsys, name, t)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cases, files, err := golden.Render(ctx, c, fsys)
	if err != nil {
		return fmt.Errorf("workspace %s: %w", name, err)
	}
	goldenDir := *dir
	if goldenDir == "" {
		if goldenDir, err = copyGoldens(fsys); err != nil {
			return err
		}
		defer os.RemoveAll(goldenDir)
	}
	if cases, err = golden.Compare(goldenDir, cases, files, *update); err != nil {
		return fmt.Errorf("goldens: %w", err)
	}
	stale, err := staleGoldens(fsys, files, goldenDir, *update)
	if err != nil {
		return err
	}
	err = reportCases(env, cases, stale, *update)
	if !*shots {
		return err
	}
	if serr := testScreenshots(ctx, env, fsys, cases, files, *dir, goldenDir, *update); serr != nil {
		return serr
	}
	return err
}

// loadTestCampaign loads the workspace with a fixed clock: --now, else
// tailor.yaml's now. Without either, goldens would change by themselves.
func loadTestCampaign(fsys fs.FS, name string, now time.Time) (*render.Campaign, error) {
	c, err := loadCampaign(fsys, name, render.WithNow(now))
	if err != nil {
		return nil, err
	}
	if now.IsZero() && (c.Config == nil || c.Config.Now == "") {
		return nil, fmt.Errorf("workspace %s: goldens need a fixed clock: set now: in tailor.yaml (e.g. now: \"2026-11-02T09:00:00Z\") or pass --now", name)
	}
	return c, nil
}

// copyGoldens copies a read-only workspace's testdata/golden into a
// temporary folder, so golden.Compare can read it from disk.
func copyGoldens(fsys fs.FS) (string, error) {
	sub, err := fs.Sub(fsys, golden.Dir)
	if err != nil {
		return "", fmt.Errorf("goldens: %w", err)
	}
	tmp, err := os.MkdirTemp("", "tailor-test-")
	if err != nil {
		return "", fmt.Errorf("goldens: %w", err)
	}
	err = os.CopyFS(filepath.Join(tmp, filepath.FromSlash(golden.Dir)), sub)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		os.RemoveAll(tmp)
		return "", fmt.Errorf("goldens: %w", err)
	}
	return tmp, nil
}

// staleGoldens lists golden files that no case produces any more (an
// email or fixture was removed), and removes them with update.
func staleGoldens(fsys fs.FS, files map[string][]byte, dir string, update bool) ([]string, error) {
	made := func(p string) bool { _, ok := files[p]; return ok }
	return staleFiles(fsys, golden.Dir, ".txtar", made, dir, update, "goldens")
}

// staleFiles lists the files with extension ext under root in fsys that
// made does not claim, sorted, and removes them from dir with update;
// errors begin with what.
func staleFiles(fsys fs.FS, root, ext string, made func(string) bool, dir string, update bool, what string) ([]string, error) {
	var stale []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ext || made(p) {
			return err
		}
		stale = append(stale, p)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	sort.Strings(stale)
	if update {
		for _, p := range stale {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
				return nil, fmt.Errorf("%s: %w", what, err)
			}
		}
	}
	return stale, nil
}

// reportCases prints every case that is not the same as its golden, and
// a summary; it returns exit status 1 when the goldens do not hold (or,
// with update, when a case failed to render).
func reportCases(env *cmdEnv, cases []golden.Case, stale []string, update bool) error {
	counts := map[golden.Status]int{}
	for _, k := range cases {
		counts[k.Status]++
		label := k.Email + "/" + k.Recipient
		switch {
		case k.Status == golden.Failed:
			fmt.Fprintf(env.stdout, "--- ERROR %s: %v\n", label, k.Err)
		case update && k.Status == golden.Changed:
			fmt.Fprintf(env.stdout, "updated %s (%s)\n%s", label, k.Path, k.Diff)
		case update && k.Status == golden.Missing:
			fmt.Fprintf(env.stdout, "added %s (%s)\n", label, k.Path)
		case k.Status == golden.Changed:
			fmt.Fprintf(env.stdout, "--- FAIL %s (%s)\n%s", label, k.Path, k.Diff)
		case k.Status == golden.Missing:
			fmt.Fprintf(env.stdout, "--- MISSING %s: no golden %s (run with --update to write it)\n", label, k.Path)
		}
	}
	for _, p := range stale {
		if update {
			fmt.Fprintf(env.stdout, "removed %s (no email or fixture makes it any more)\n", p)
		} else {
			fmt.Fprintf(env.stdout, "--- STALE %s: no email or fixture makes it any more (run with --update to remove it)\n", p)
		}
	}
	format := "tailor test: %d cases: %d ok, %d changed, %d missing, %d failed, %d stale\n"
	if update {
		format = "tailor test: %d cases: %d ok, %d updated, %d added, %d failed, %d removed\n"
	}
	fmt.Fprintf(env.stdout, format,
		len(cases), counts[golden.Same], counts[golden.Changed], counts[golden.Missing], counts[golden.Failed], len(stale))
	if counts[golden.Failed] > 0 || !update && (len(cases) != counts[golden.Same] || len(stale) > 0) {
		return exitError{code: 1}
	}
	return nil
}
