package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/report/synth"
	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/workspace"
)

// reportData is a synthetic send log for the example workspace's
// subject_line experiment, where benefit clicks 20% more than question
// and dormant engages half as much as the other segments.
func reportData() synth.Config {
	cfg := synth.Default()
	cfg.Sends, cfg.Open, cfg.Click, cfg.Lift = 20_000, 0.5, 0.4, 0.2
	cfg.Experiment, cfg.A, cfg.B = "subject_line", "question", "benefit"
	cfg.Segments = []string{"dormant", "loyal", "high_value"}
	return cfg
}

// writeSendLog writes the records as sends.jsonl and outcomes.jsonl in
// dir and returns the sends file.
func writeSendLog(t *testing.T, dir string, cfg synth.Config) string {
	t.Helper()
	var sends, outcomes bytes.Buffer
	if err := cfg.WriteJSONL(&sends, &outcomes); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "sends.jsonl")
	if err := os.WriteFile(path, sends.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "outcomes.jsonl"), outcomes.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReportCommand runs tailor report on a sends.jsonl beside its
// outcomes.jsonl: it names benefit the winner, flags dormant with its rule
// from segments.yaml, writes the HTML page; a second look with more data
// is counted and warned of; experiments conclude writes the winner into
// tailor.yaml, and the next report says it is concluded.
func TestReportCommand(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	tailorRun(t, "init", ws)
	sends := writeSendLog(t, t.TempDir(), reportData())
	page := filepath.Join(t.TempDir(), "report.html")
	out, _ := tailorRun(t, "report", "--workspace", ws, "--sends", sends, "--to", "2026-11-14", "--html", page)
	for _, want := range []string{
		"machine opens (privacy proxies, scanners) are excluded",
		"Experiment subject_line (click rate; looked at 1 time(s))",
		"=> winner: benefit\n  conclude it: tailor experiments conclude subject_line --winner benefit\n",
		"  engagement: hot ", "  hero: hero_sale ", "  subject_line: benefit ", "  (none) ",
		"  dormant: ", "rule (segments.yaml:", "days_since(last_activity_at) > 90", "fields: last_activity_at",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "for the rest (campaign") != 1 {
		t.Errorf("want exactly one flagged segment:\n%s", out)
	}
	if b, err := os.ReadFile(page); err != nil || !bytes.Contains(b, []byte(`<svg class="chart rates" id="experiment-subject_line"`)) {
		t.Errorf("the HTML page: %v", err)
	}
	out, _ = tailorRun(t, "report", "--workspace", ws, "--sends", sends)
	if !strings.Contains(out, "looked at 2 time(s)") || !strings.Contains(out, "warning: peeked at: looked at 2 times") {
		t.Errorf("the second look with more data is not counted:\n%s", out)
	}
	out, _ = tailorRun(t, "experiments", "conclude", "subject_line", "--winner", "benefit", "--workspace", ws, "--sends", sends)
	if !strings.Contains(out, "experiment subject_line concluded: benefit serves everyone") || !strings.Contains(out, "benefit vs question on click") {
		t.Errorf("conclude says:\n%s", out)
	}
	cfg, err := workspace.ReadConfig(os.DirFS(ws))
	if err != nil {
		t.Fatal(err)
	}
	if e := cfg.Experiments[0]; e.Winner != "benefit" || e.Concluded == nil || !strings.Contains(e.Concluded.Evidence, "adjusted p") {
		t.Errorf("tailor.yaml's experiment after conclude: %+v", e)
	}
	rendered, _ := tailorRun(t, "render", "--workspace", ws)
	if n, b := strings.Count(rendered, "\n"), strings.Count(rendered, `"subject_line":"benefit"`); n == 0 || b != n {
		t.Errorf("after conclude, %d of %d rendered messages have subject_line benefit", b, n)
	}
	out, _ = tailorRun(t, "report", "--workspace", ws, "--sends", sends)
	if !strings.Contains(out, "=> concluded: benefit serves everyone") {
		t.Errorf("the report after conclude:\n%s", out)
	}
}

// TestConcludeRefusedWithoutWinner: conclude refuses a variant the report
// does not name the winner and leaves tailor.yaml as it was; --force
// concludes and records that it was forced.
func TestConcludeRefusedWithoutWinner(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	tailorRun(t, "init", ws)
	cfg := reportData()
	cfg.Lift = 0
	sends := writeSendLog(t, t.TempDir(), cfg)
	before, err := os.ReadFile(filepath.Join(ws, "tailor.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	args := []string{"experiments", "conclude", "subject_line", "--winner", "benefit", "--workspace", ws, "--sends", sends}
	if code := run(args, &cmdEnv{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}); code != 1 ||
		!strings.Contains(stderr.String(), "the report does not name benefit the winner (no winner yet") {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
	if after, _ := os.ReadFile(filepath.Join(ws, "tailor.yaml")); !bytes.Equal(before, after) {
		t.Errorf("a refused conclude changed tailor.yaml")
	}
	out, _ := tailorRun(t, append(args, "--force")...)
	if !strings.Contains(out, "evidence: forced against the report; ") {
		t.Errorf("forced conclude says:\n%s", out)
	}
}

// TestReportFromStore reads the send log from the workspace's store: the
// report is the one the same log as files gives.
func TestReportFromStore(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	tailorRun(t, "init", ws)
	path, err := workspaceStore(ws, true)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	cfg := reportData()
	cfg.Sends = 3000
	var sends []store.Send
	var outcomes []store.Outcome
	for r, err := range cfg.Records() {
		if err != nil {
			t.Fatal(err)
		}
		sends = append(sends, r.Send)
		outcomes = append(outcomes, r.Outcomes...)
	}
	if err := s.RecordSends(ctx, sends); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordOutcomes(ctx, outcomes); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	fromStore, _ := tailorRun(t, "report", "--workspace", ws)
	fromFiles, _ := tailorRun(t, "report", "--workspace", ws, "--sends", writeSendLog(t, t.TempDir(), cfg))
	if fromStore != fromFiles {
		t.Errorf("from the store:\n%s\nfrom the files:\n%s", fromStore, fromFiles)
	}
	if !strings.Contains(fromStore, "3000 sends, sent ") {
		t.Errorf("the report from the store:\n%s", fromStore)
	}
}
