package source

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/segment"
)

var update = flag.Bool("update", false, "rewrite golden files")

var now = time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC)

// testSpec reads every fixture under testdata.
func testSpec(conflict string) Spec {
	return Spec{Conflict: conflict, Inputs: []Input{
		{Name: "crm", Path: "crm.csv", Key: "Email", Timestamp: "UpdatedAt",
			Fields: map[string]string{"first_name": "FirstName", "plan": "Plan", "age": "Age", "vip": "VIP", "signed_up": "SignedUp", "updated_at": "UpdatedAt"},
			Types:  map[string]string{"age": "int", "vip": "bool", "signed_up": "date", "updated_at": "date"}},
		{Name: "orders", Kind: Events, Path: "orders.csv", Key: "customer", At: "created_at", Amount: "total",
			Window: "90d", Prefix: "order_", KeepLast: 2, List: "recent_orders", Types: map[string]string{"total": "number"}},
		{Name: "web", Path: "web.jsonl", Key: "email", Timestamp: "updated", Types: map[string]string{"churn_probability": "number"}},
		{Name: "extra", Path: "profiles.json", Key: "email", Timestamp: "seen"},
	}}
}

// dump renders a result for a golden file: summary, issues, profiles.
func dump(t *testing.T, res *Result) string {
	var b strings.Builder
	b.WriteString(res.Report.Summary())
	b.WriteString("-- issues --\n")
	for _, is := range res.Report.Issues {
		b.WriteString(is.String() + "\n")
	}
	b.WriteString("-- profiles --\n")
	err := res.Each(func(p segment.Profile) error {
		j, err := json.Marshal(p) // sorted keys
		b.Write(append(j, '\n'))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update to accept):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}

func TestLoadGolden(t *testing.T) {
	for _, policy := range []string{Precedence, MostRecent} {
		t.Run(policy, func(t *testing.T) {
			res, err := Load(os.DirFS("testdata"), testSpec(policy), now)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "load_"+policy+".txt", dump(t, res))
			for _, in := range res.Report.Inputs {
				if ok, eq := in.Balanced(); !ok {
					t.Errorf("%s: counts do not add up: %s", in.Name, eq)
				}
			}
		})
	}
}

// fmtAny prints a value for comparisons.
func fmtAny(v any) string { return fmt.Sprint(v) }
