package golden

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/tailor-email/tailor/check"
)

// ShotsDir is where screenshot goldens live inside a workspace:
// ShotsDir/<email>/<recipient>-<width>-<light|dark>.png.
const ShotsDir = Dir + "/screenshots"

// ShotViewports are the viewports of the screenshot goldens: a phone
// (375 px) and the desktop width of an email (600 px), light and dark.
func ShotViewports() []check.Viewport {
	return []check.Viewport{{Width: 375}, {Width: 375, Dark: true}, {Width: 600}, {Width: 600, Dark: true}}
}

// Shot is one screenshot of one case at one viewport.
type Shot struct {
	Email, Recipient string
	Viewport         check.Viewport
	Path             string // relative to the workspace
	Status           Status
	Diff             PixelDiff
	DiffPath         string // the diff image, when the shot changed
	Err              error
}

// Screenshots takes a screenshot of the HTML of every case (as Render
// made them: cases and files) at each viewport in b, and compares it with
// its golden PNG under dir (the workspace folder on disk). A changed
// shot's diff image (the golden faded, differing pixels red) and the new
// screenshot are written under diffDir, as <email>/<name>.diff.png and
// .new.png. With update, changed and missing goldens are
// written instead.
func Screenshots(ctx context.Context, b *check.Browser, cases []Case, files map[string][]byte, dir, diffDir string, vps []check.Viewport, update bool) ([]Shot, error) {
	var shots []Shot
	for _, k := range cases {
		if k.Status == Failed {
			continue
		}
		html, err := htmlOf(files[k.Path])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k.Path, err)
		}
		pngs, err := b.Screenshots(ctx, html, vps)
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", k.Email, k.Recipient, err)
		}
		name := strings.TrimSuffix(path.Base(k.Path), ".txtar")
		for i, vp := range vps {
			s := Shot{Email: k.Email, Recipient: k.Recipient, Viewport: vp, Path: ShotPath(k.Email, name, vp)}
			if err := s.compare(dir, diffDir, pngs[i], update); err != nil {
				return nil, err
			}
			shots = append(shots, s)
		}
	}
	return shots, nil
}

// ShotPath is the golden of a recipient's (file name) email at vp.
func ShotPath(email, name string, vp check.Viewport) string {
	scheme := "light"
	if vp.Dark {
		scheme = "dark"
	}
	return fmt.Sprintf("%s/%s/%s-%d-%s.png", ShotsDir, email, name, vp.Width, scheme)
}

// compare sets s's status against the golden, and writes what it must.
func (s *Shot) compare(dir, diffDir string, got []byte, update bool) error {
	golden := filepath.Join(dir, filepath.FromSlash(s.Path))
	want, err := os.ReadFile(golden)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.Status = Missing
	case err != nil:
		return err
	case bytes.Equal(want, got):
	default:
		if s.Diff, err = ComparePNG(want, got); err != nil {
			s.Status, s.Err = Failed, err
			return nil
		}
		if s.Diff.Differ {
			s.Status = Changed
		}
	}
	if update {
		if s.Status == Same {
			return nil
		}
		return writeFile(golden, got)
	}
	if s.Status != Changed {
		return nil
	}
	rel := strings.TrimPrefix(strings.TrimSuffix(s.Path, ".png"), ShotsDir+"/")
	s.DiffPath = filepath.Join(diffDir, filepath.FromSlash(rel+".diff.png"))
	if err := writeFile(s.DiffPath, s.Diff.Image); err != nil {
		return err
	}
	return writeFile(strings.TrimSuffix(s.DiffPath, ".diff.png")+".new.png", got)
}

func writeFile(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	return nil
}

// htmlOf returns the html part of a golden file's content.
func htmlOf(golden []byte) ([]byte, error) {
	for _, f := range txtar.Parse(golden).Files {
		if f.Name == "html" {
			return f.Data, nil
		}
	}
	return nil, errors.New("no html part")
}
