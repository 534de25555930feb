package preview_test

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/workspace"
)

// TestProfileForm: the form shows the schema's single-valued fields with
// the profile's values; a change re-renders as a draft that keeps the
// fields the form does not show; a value that is not a number is refused
// at its field.
func TestProfileForm(t *testing.T) {
	h, _ := newHandler(t)
	_, page := do(t, h, "GET", "/email/newsletter/r/c-1003", nil, nil)
	for _, want := range []string{`name="f:first_name" type="text" value="Chloé"`, `name="f:loyalty_points" type="number" value="1240"`,
		`name="f:accepts_marketing"`, `name="f:last_purchase_at" type="text" value="2026-09-20T11:00:00Z"`, "orders", "Edit as JSON"} {
		if !strings.Contains(page, want) {
			t.Errorf("the form lacks %s", want)
		}
	}
	token := csrfOf(t, h)
	form := url.Values{"csrf": {token}, "f:id": {"c-1003"}, "f:email": {"chloe@example.co.uk"}, "f:first_name": {"Zoë"}, "f:loyalty_points": {"5000"}, "f:last_purchase_at": {"2026-09-20T11:00:00Z"}}
	res, _ := do(t, h, "POST", "/email/newsletter/r/c-1003/form", form, nil)
	loc := res.Header.Get("Location")
	if res.StatusCode != 303 || !strings.Contains(loc, "?draft=") {
		t.Fatalf("form: status %d, Location %q", res.StatusCode, loc)
	}
	_, draft := do(t, h, "GET", loc, nil, nil)
	if !strings.Contains(draft, "Members first, Zoë") || !strings.Contains(draft, "5000 points") {
		t.Errorf("the draft does not show the form's values (the loyal hero needs the orders the form does not show):\n%.300s", draft)
	}
	form.Set("f:loyalty_points", "lots")
	res, body := do(t, h, "POST", "/email/newsletter/r/c-1003/form", form, nil)
	if res.StatusCode != 400 || !strings.Contains(body, "loyalty_points: want a number, got &#34;lots&#34;") {
		t.Errorf("status %d; a bad number is not refused at its field", res.StatusCode)
	}
}

// TestSaveKeepsOrSaysVariants: a draft saved under a new ID says whether
// its experiment variants changed with the ID.
func TestSaveKeepsOrSaysVariants(t *testing.T) {
	h, dir := newHandler(t)
	token := csrfOf(t, h)
	src, err := os.ReadFile(filepath.Join(dir, "testdata/recipients/ana.json"))
	if err != nil {
		t.Fatal(err)
	}
	res, _ := do(t, h, "POST", "/email/newsletter/r/c-1001/save",
		url.Values{"csrf": {token}, "name": {"ana2"}, "profile": {string(src)}, "new_id": {"c-1001-b"}}, nil)
	loc := res.Header.Get("Location")
	if res.StatusCode != 303 || !strings.HasPrefix(loc, "/email/newsletter/r/c-1001-b?") {
		t.Fatalf("save: status %d, Location %q", res.StatusCode, loc)
	}
	cfg, err := workspace.ReadConfig(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	want := "Its experiment variants are the same as the draft&#39;s (c-1001)."
	for _, x := range cfg.Experiments {
		if a, b := x.Assign("c-1001"), x.Assign("c-1001-b"); a != b {
			want = "so this fixture&#39;s differ from the draft&#39;s (c-1001): " + x.Name + " is " + b + " (was " + a + ")"
			break
		}
	}
	_, page := do(t, h, "GET", loc, nil, nil)
	if !strings.Contains(page, "Saved as testdata/recipients/ana2.json with ID c-1001-b.") || !strings.Contains(page, want) {
		t.Errorf("the saved page does not say %q:\n%.2000s", want, page)
	}
}
