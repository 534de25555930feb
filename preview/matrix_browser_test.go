package preview_test

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/reload"
)

// serveExample serves a temp copy of the example workspace, not watched,
// and returns its URL.
func serveExample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, shop.FS()); err != nil {
		t.Fatal(err)
	}
	ws, err := reload.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := preview.New(ws, preview.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	// The event streams end first, so that Close does not wait on them.
	t.Cleanup(func() { srv.Close(); hs.Close() })
	return hs.URL
}

// matrixSeen is what the matrix page shows, read from the DOM.
type matrixSeen struct {
	Segments []struct {
		Key  string   `json:"key"`
		Size string   `json:"size"`
		IDs  []string `json:"ids"`
	} `json:"segments"`
	Head   []string `json:"head"`
	People []struct {
		ID       string   `json:"id"`
		Segments []string `json:"segments"`
		Variant  []string `json:"variant"`
		Render   string   `json:"render"`
	} `json:"people"`
}

const readMatrix = `(function () {
  var all = function (root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); };
  var txt = function (e) { return e.textContent.trim(); };
  return JSON.stringify({
    segments: all(document, "#matrix-segments tbody tr").map(function (tr) {
      return {key: tr.dataset.segment, size: tr.querySelector(".size").dataset.size,
        ids: all(tr, ".ids a").map(txt)};
    }),
    head: all(document, "#matrix-people thead th").map(txt),
    people: all(document, "#matrix-people tbody tr").map(function (tr) {
      return {id: tr.dataset.id, segments: all(tr, ".segs .chip").map(txt),
        variant: all(tr, "td.variant").map(txt), render: txt(tr.lastElementChild)};
    })
  });
})()`

// TestBrowserMatrix reads the example newsletter's decision matrix in
// Chromium and holds it to the example's known membership: each segment's
// size and members (c-1006, c-1007 and c-1008 in no segment), segments
// in priority order, and a variant column per experiment.
func TestBrowserMatrix(t *testing.T) {
	ctx := newBrowser(t)
	url := serveExample(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/email/newsletter"),
		chromedp.WaitVisible(chromedp.CSS("#matrix-people tbody tr"))); err != nil {
		t.Fatal(err)
	}
	var seen matrixSeen
	if err := json.Unmarshal([]byte(eval[string](t, ctx, readMatrix)), &seen); err != nil {
		t.Fatal(err)
	}
	// The example's fixtures against segments.yaml at its fixed clock.
	members := map[string][]string{
		"recent_purchaser": {"c-1001", "c-1004"},
		"abandoned_cart":   {"c-1002"},
		"loyal":            {"c-1003"},
		"high_value":       {"c-1004"},
		"dormant":          {"c-1005"},
		"premium_engaged":  {"c-1004"},
		"churn_risk":       {"c-1005"},
		"likely_to_churn":  {"c-1005"}, // the churn model's segment (docs/models.md)
		"(none)":           {"c-1006", "c-1007", "c-1008"},
	}
	var order []string
	for _, s := range seen.Segments {
		order = append(order, s.Key)
		want, ok := members[s.Key]
		if !ok {
			t.Errorf("unexpected segment row %q", s.Key)
			continue
		}
		if !reflect.DeepEqual(s.IDs, want) || s.Size != itoa(len(want)) {
			t.Errorf("segment %s: size %s members %v, want %d %v", s.Key, s.Size, s.IDs, len(want), want)
		}
	}
	// By the highest priority of a module written for the segment:
	// premium 40, cart 30, loyalty 20, new-arrivals and winback 10.
	wantOrder := []string{"high_value", "abandoned_cart", "loyal", "recent_purchaser", "dormant", "likely_to_churn", "premium_engaged", "churn_risk", "(none)"}
	if !reflect.DeepEqual(order, wantOrder) {
		t.Errorf("segment rows in order %v, want %v", order, wantOrder)
	}
	head := strings.Join(seen.Head, "|")
	for _, col := range []string{"Variant: subject_line", "Variant: hero_copy"} {
		if !strings.Contains(head, col) {
			t.Errorf("no %q column in %q", col, head)
		}
	}
	if len(seen.People) != 8 {
		t.Fatalf("%d recipient rows, want 8", len(seen.People))
	}
	for _, p := range seen.People {
		var want []string
		for seg, ids := range members {
			for _, id := range ids {
				if id == p.ID && seg != "(none)" {
					want = append(want, seg)
				}
			}
		}
		if len(p.Segments) != len(want) {
			t.Errorf("%s: segments %v, want %v", p.ID, p.Segments, want)
		}
		if len(p.Variant) != 2 || p.Variant[0] == "" {
			t.Errorf("%s: variant cells %v", p.ID, p.Variant)
		}
		if p.Render != "rendered" {
			t.Errorf("%s: email cell %q", p.ID, p.Render)
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
