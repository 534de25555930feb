package check

import (
	"context"
	"maps"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tailor-email/tailor/render"
)

// withConfig is the faulty workspace with more lines in tailor.yaml.
func withConfig(t *testing.T, extra string) *render.Campaign {
	t.Helper()
	fsys := fstest.MapFS{}
	maps.Copy(fsys, faulty)
	fsys["tailor.yaml"] = &fstest.MapFile{Data: append(append([]byte{}, faulty["tailor.yaml"].Data...), extra...)}
	c, err := render.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAccept: a warning that check.accept names (by rule, and file
// pattern when given) becomes an info that says why; an error it names
// stays an error, and other warnings stay warnings.
func TestAccept(t *testing.T) {
	c := withConfig(t, `check:
  accept:
    - rule: module-unreachable
      file: modules/hero/*.html
      reason: kept for next season
    - rule: slot-fallback
      reason: errors cannot be accepted
    - rule: class-from-data
      file: modules/*/*.html
      reason: does not match the template file
`)
	fs, err := Workspace(context.Background(), c, faulty, Options{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range fs {
		switch f.Rule {
		case "module-unreachable":
			if f.Severity != Info || !strings.HasSuffix(f.Message, " (accepted in tailor.yaml: kept for next season)") {
				t.Errorf("accepted warning: %s %q", f.Severity, f.Message)
			}
		case "slot-fallback":
			if f.Severity != Error || strings.Contains(f.Message, "accepted") {
				t.Errorf("an error was accepted: %s %q", f.Severity, f.Message)
			}
		case "class-from-data":
			if f.Severity != Warning {
				t.Errorf("a warning outside the file pattern was accepted: %+v", f)
			}
		default:
			continue
		}
		seen[f.Rule] = true
	}
	if len(seen) != 3 {
		t.Errorf("rules seen: %v; want module-unreachable, slot-fallback, class-from-data", seen)
	}
}

// TestAcceptNeedsAReason: an entry without a reason is an error that
// names tailor.yaml.
func TestAcceptNeedsAReason(t *testing.T) {
	c := withConfig(t, "check:\n  accept:\n    - rule: module-unreachable\n")
	_, err := Accept(c, nil)
	if err == nil || !strings.Contains(err.Error(), "tailor.yaml: check.accept[0]: an entry needs a rule and a reason") {
		t.Errorf("err = %v", err)
	}
}
