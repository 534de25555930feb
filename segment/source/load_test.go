package source

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tailor-email/tailor/internal/goldentest"
	"github.com/tailor-email/tailor/segment"
)

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

func TestLoadGolden(t *testing.T) {
	for _, policy := range []string{Precedence, MostRecent} {
		t.Run(policy, func(t *testing.T) {
			res, err := Load(os.DirFS("testdata"), testSpec(policy), now)
			if err != nil {
				t.Fatal(err)
			}
			goldentest.Check(t, filepath.Join("testdata", "golden", "load_"+policy+".txt"), dump(t, res))
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
