package synth_test

import (
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/tailor-email/tailor/report"
	"github.com/tailor-email/tailor/report/synth"
	"github.com/tailor-email/tailor/store"
)

// TestWriteJSONL: the files read back through store.JoinFiles give the
// report the records give.
func TestWriteJSONL(t *testing.T) {
	cfg := synth.Default()
	cfg.Sends = 3000
	dir := t.TempDir()
	sends, err := os.Create(filepath.Join(dir, "sends.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	outcomes, err := os.Create(filepath.Join(dir, "outcomes.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.WriteJSONL(sends, outcomes); err != nil {
		t.Fatal(err)
	}
	for _, f := range []*os.File{sends, outcomes} {
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := store.JoinFiles(sends.Name(), outcomes.Name(), time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	fromFiles, err := report.Build(report.Records(recs), report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	direct, err := report.Build(cfg.Records(), report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if fromFiles.Overall.Counts != direct.Overall.Counts || !reflect.DeepEqual(fromFiles.Variants, direct.Variants) {
		t.Errorf("from the files %v, from the records %v", fromFiles.Overall.Counts, direct.Overall.Counts)
	}
}
