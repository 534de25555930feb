package batch

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestResumeRedoesFilesWithoutTheirJSON: in files, a recipient's .json is
// written last, after its .html and .txt, so a run killed in between
// leaves bodies without their .json. Resuming renders those recipients
// again, whatever bodies they have on disk, and skips only the complete
// ones: the result is the uninterrupted run's.
func TestResumeRedoesFilesWithoutTheirJSON(t *testing.T) {
	full, cut := t.TempDir(), t.TempDir()
	run := func(dir string, resume bool) *Summary {
		sink, err := Dir(dir, "files", resume)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := Run(context.Background(), fake{}, records(20, nil), Options{Emails: []string{"e"}, Workers: 2, IDOf: idOf}, sink)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	run(full, false)
	run(cut, false)
	for _, name := range []string{"r0005.json", "r0006.txt", "r0006.json", "r0007.html", "r0007.txt", "r0007.json"} {
		if err := os.Remove(filepath.Join(cut, "e", name)); err != nil {
			t.Fatal(err)
		}
	}
	if sum := run(cut, true); sum.Skipped != 17 {
		t.Errorf("resume skipped %d recipients, want the 17 complete ones", sum.Skipped)
	}
	if diff := compareTrees(full, cut); diff != "" {
		t.Error(diff)
	}
}
