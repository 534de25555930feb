package main

import (
	"context"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"

	"github.com/tailor-email/tailor/check"
	"github.com/tailor-email/tailor/golden"
)

// testScreenshots compares (or, with update, writes) the screenshot
// goldens of the cases. dir is the workspace folder ("" for the built-in
// example, whose goldens were copied to goldenDir). Diff images go to
// DIR/testdata/golden-diff, or a temporary folder for the example.
func testScreenshots(ctx context.Context, env *cmdEnv, fsys iofs.FS, cases []golden.Case, files map[string][]byte, dir, goldenDir string, update bool) error {
	b, err := check.StartBrowser(ctx, "")
	if errors.Is(err, check.ErrNoChromium) {
		return fmt.Errorf("--screenshots: %w; the screenshot goldens were not compared", err)
	}
	if err != nil {
		return fmt.Errorf("--screenshots: %w", err)
	}
	defer b.Close()
	diffDir := filepath.Join(dir, "testdata", "golden-diff")
	if dir == "" {
		if diffDir, err = os.MkdirTemp("", "tailor-screenshots-"); err != nil {
			return fmt.Errorf("--screenshots: %w", err)
		}
	}
	shots, err := golden.Screenshots(ctx, b, cases, files, goldenDir, diffDir, golden.ShotViewports(), update)
	if err != nil {
		return fmt.Errorf("screenshots: %w", err)
	}
	stale, err := staleShots(fsys, shots, goldenDir, update)
	if err != nil {
		return err
	}
	return reportShots(env, shots, stale, update)
}

// staleShots lists screenshot goldens that no case makes any more, and
// removes them with update.
func staleShots(fsys iofs.FS, shots []golden.Shot, dir string, update bool) ([]string, error) {
	made := map[string]bool{}
	for _, s := range shots {
		made[s.Path] = true
	}
	return staleFiles(fsys, golden.ShotsDir, ".png", func(p string) bool { return made[p] }, dir, update, "screenshots")
}

// reportShots prints each screenshot that is not its golden, and a
// summary; exit status 1 when the goldens do not hold.
func reportShots(env *cmdEnv, shots []golden.Shot, stale []string, update bool) error {
	counts := map[golden.Status]int{}
	for _, s := range shots {
		counts[s.Status]++
		label := fmt.Sprintf("%s/%s at %s", s.Email, s.Recipient, s.Viewport)
		switch {
		case s.Status == golden.Failed:
			fmt.Fprintf(env.stdout, "--- ERROR screenshot %s: %v\n", label, s.Err)
		case update && s.Status == golden.Changed:
			fmt.Fprintf(env.stdout, "updated screenshot %s (%s): %s\n", label, s.Path, s.Diff)
		case update && s.Status == golden.Missing:
			fmt.Fprintf(env.stdout, "added screenshot %s (%s)\n", label, s.Path)
		case s.Status == golden.Changed:
			fmt.Fprintf(env.stdout, "--- FAIL screenshot %s (%s): %s; diff image %s\n", label, s.Path, s.Diff, s.DiffPath)
		case s.Status == golden.Missing:
			fmt.Fprintf(env.stdout, "--- MISSING screenshot %s: no golden %s (run with --update to write it)\n", label, s.Path)
		}
	}
	verb := "STALE"
	if update {
		verb = "removed"
	}
	for _, p := range stale {
		fmt.Fprintf(env.stdout, "--- %s screenshot %s: no email or fixture makes it any more\n", verb, p)
	}
	format := "tailor test: %d screenshots: %d ok, %d changed, %d missing, %d failed, %d stale\n"
	if update {
		format = "tailor test: %d screenshots: %d ok, %d updated, %d added, %d failed, %d removed\n"
	}
	fmt.Fprintf(env.stdout, format, len(shots), counts[golden.Same], counts[golden.Changed],
		counts[golden.Missing], counts[golden.Failed], len(stale))
	if counts[golden.Failed] > 0 || !update && (len(shots) != counts[golden.Same] || len(stale) > 0) {
		return exitError{code: 1}
	}
	return nil
}
