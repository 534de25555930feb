package main

import (
	"bytes"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"

	"github.com/tailor-email/tailor/report"
)

// looksFile is where a workspace keeps the looks at its experiments.
const looksFile = "looks.json"

// looks reads the workspace's record of looks at its experiments
// (.tailor/looks.json, made through an os.Root of the folder like the
// store) and returns it with the function that saves it. The built-in
// example records none: nil and a save that does nothing.
func (rf *reportFlags) looks() (*report.Looks, func() error, error) {
	nothing := func() error { return nil }
	if rf.dir == "" {
		return nil, nothing, nil
	}
	if _, err := workspaceStore(rf.dir, true); err != nil { // makes .tailor safely
		return nil, nil, fmt.Errorf("looks: %w", err)
	}
	root, err := os.OpenRoot(rf.dir)
	if err != nil {
		return nil, nil, fmt.Errorf("looks: %w", err)
	}
	name := filepath.Join(storeDir, looksFile)
	data, err := root.ReadFile(name)
	if err != nil && !errors.Is(err, iofs.ErrNotExist) {
		root.Close()
		return nil, nil, fmt.Errorf("looks: %w", err)
	}
	l, err := report.ParseLooks(data)
	if err != nil {
		root.Close()
		return nil, nil, fmt.Errorf("%s: %w", filepath.Join(rf.dir, name), err)
	}
	save := func() error {
		defer root.Close()
		b, err := l.Marshal()
		if err != nil || bytes.Equal(b, data) {
			return err
		}
		if err := root.WriteFile(name+".new", b, 0o600); err != nil {
			return fmt.Errorf("looks: %w", err)
		}
		if err := root.Rename(name+".new", name); err != nil {
			return fmt.Errorf("looks: %w", err)
		}
		return nil
	}
	return l, save, nil
}

// writeReportHTML writes the report's page to path through a file beside
// it renamed into place, so a failed write leaves no half page.
func writeReportHTML(path string, rep *report.Report) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".report-*.html")
	if err != nil {
		return fmt.Errorf("--html: %w", err)
	}
	defer os.Remove(tmp.Name())
	werr := report.WriteHTML(tmp, rep, "tailor report")
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		return fmt.Errorf("--html %s: %w", path, werr)
	}
	return nil
}
