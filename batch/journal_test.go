package batch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runFiles renders n fake recipients into dir in the files format.
func runFiles(t *testing.T, dir string, resume bool, n int) (*Summary, error) {
	t.Helper()
	sink, err := Dir(dir, "files", resume)
	if err != nil {
		t.Fatal(err)
	}
	return Run(context.Background(), fake{}, records(n, nil), Options{Emails: []string{"e"}, Workers: 4, IDOf: idOf}, sink)
}

// TestResumeRewritesFilesPastTheJournal: a killed run leaves files cut
// short past DoneJournal's count (workers write them straight to their
// names), and a count line cut short. Resuming trusts the files below the
// last whole count only, writes again those past it, and ends with the
// uninterrupted run's outputs.
func TestResumeRewritesFilesPastTheJournal(t *testing.T) {
	full, cut := t.TempDir(), t.TempDir()
	if _, err := runFiles(t, full, false, 200); err != nil {
		t.Fatal(err)
	}
	if _, err := runFiles(t, cut, false, 200); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cut, DoneJournal), []byte("64\n128\n19"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"r0130.json": `{"id":"r01`, "r0140.html": "<p>r0", "r0199.txt": ""} {
		if err := os.WriteFile(filepath.Join(cut, "e", name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(cut, "e", "r0160.json")); err != nil {
		t.Fatal(err)
	}
	sum, err := runFiles(t, cut, true, 200)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Skipped != 128 || sum.Rendered != 72 {
		t.Errorf("resumed: skipped %d, rendered %d; want the 128 of the journal's last whole count, and 72", sum.Skipped, sum.Rendered)
	}
	if diff := compareTrees(full, cut); diff != "" {
		t.Error(diff)
	}
}

// TestAFolderWithoutJournalIsTrusted: a folder an earlier version wrote
// (every file renamed into place, no DoneJournal) resumes from the files
// it has, and ends with a journal that counts them.
func TestAFolderWithoutJournalIsTrusted(t *testing.T) {
	full, cut := t.TempDir(), t.TempDir()
	if _, err := runFiles(t, full, false, 50); err != nil {
		t.Fatal(err)
	}
	if _, err := runFiles(t, cut, false, 50); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(cut, DoneJournal)); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(cut, "e", "r0020.json")); err != nil {
		t.Fatal(err)
	}
	sum, err := runFiles(t, cut, true, 50)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Skipped != 49 || sum.Rendered != 1 {
		t.Errorf("resumed: skipped %d, rendered %d; want 49 and 1", sum.Skipped, sum.Rendered)
	}
	if diff := compareTrees(full, cut); diff != "" {
		t.Error(diff)
	}
	b, err := os.ReadFile(filepath.Join(cut, DoneJournal))
	if err != nil || string(b) != "50\n" {
		t.Errorf("journal %q (%v), want 50", b, err)
	}
}

// TestOnlyUntrustedFilesAreRenamedIntoPlace: a fresh run writes files
// straight to their names; a resumed run writes those below the journal's
// count (which it could not trust as written) through a temporary file
// and a rename. A folder in the way of the temporary name tells which
// way a file went.
func TestOnlyUntrustedFilesAreRenamedIntoPlace(t *testing.T) {
	dir := t.TempDir()
	block := func() {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(dir, "e", ".tmp-r0005.json", "x"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	sink, err := Dir(dir, "files", false)
	if err != nil {
		t.Fatal(err)
	}
	block()
	if _, err := Run(context.Background(), fake{}, records(10, nil), Options{Emails: []string{"e"}, Workers: 2, IDOf: idOf}, sink); err != nil {
		t.Fatalf("a fresh run used a temporary file: %v", err)
	}
	if err := os.Remove(filepath.Join(dir, "e", "r0005.json")); err != nil {
		t.Fatal(err)
	}
	if sink, err = Dir(dir, "files", true); err != nil {
		t.Fatal(err)
	}
	block()
	_, err = Run(context.Background(), fake{}, records(10, nil), Options{Emails: []string{"e"}, Workers: 2, IDOf: idOf}, sink)
	if err == nil || !strings.Contains(err.Error(), ".tmp-r0005.json") {
		t.Errorf("a resumed run wrote r0005, below the journal's count, without a temporary file: %v", err)
	}
}

// TestAStoreErrorStopsTheBatch: a file a worker cannot write stops the
// batch with the error, as a failed write of the ordered output does.
func TestAStoreErrorStopsTheBatch(t *testing.T) {
	dir := t.TempDir()
	sink, err := Dir(dir, "files", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "e"), []byte("a file where the folder goes"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), fake{}, records(100, nil), Options{Emails: []string{"e"}, Workers: 2, IDOf: idOf}, sink)
	if err == nil || !strings.Contains(err.Error(), "writing output") {
		t.Errorf("Run = %v, want a writing error", err)
	}
	if sum.Rendered != 0 {
		t.Errorf("%d results counted as rendered", sum.Rendered)
	}
}

// TestOutputFilesAreTheOwners: a recipient's files hold their data, so
// they are readable by the owner only (0600), whether written straight to
// their names by a fresh run or through a rename by a resumed one.
func TestOutputFilesAreTheOwners(t *testing.T) {
	dir := t.TempDir()
	if _, err := runFiles(t, dir, false, 40); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, DoneJournal), []byte("16\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runFiles(t, dir, true, 40); err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join(dir, "e", "*"))
	if err != nil || len(names) < 40 {
		t.Fatalf("%d files (%v)", len(names), err)
	}
	for _, name := range names {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(name), perm)
		}
	}
}
