package preview_test

import (
	"strings"
	"testing"
)

// TestFind: the switcher opens the one recipient that matches, lists
// several, and says when none does.
func TestFind(t *testing.T) {
	h, _ := newHandler(t)
	for _, q := range []string{"c-1002", "ben", "BEN@example.com", "Ben · ben@example.com · c-1002"} {
		res, _ := do(t, h, "GET", "/email/newsletter/find?q="+strings.ReplaceAll(q, " ", "+"), nil, nil)
		if loc := res.Header.Get("Location"); res.StatusCode != 303 || loc != "/email/newsletter/r/c-1002" {
			t.Errorf("q=%q: status %d to %q", q, res.StatusCode, loc)
		}
	}
	res, body := do(t, h, "GET", "/email/picks/find?q=example.com", nil, nil)
	if res.StatusCode != 200 || !strings.Contains(body, `href="/email/picks/r/c-1001"`) || !strings.Contains(body, `href="/email/picks/r/c-1004"`) {
		t.Errorf("several matches are not listed: %d", res.StatusCode)
	}
	_, body = do(t, h, "GET", "/email/picks/find?q=nobody", nil, nil)
	if !strings.Contains(body, `id="find-none"`) {
		t.Error("no match is not said")
	}
	_, body = do(t, h, "GET", "/email/newsletter/r/c-1002", nil, nil)
	for _, want := range []string{`id="prev" href="/email/newsletter/r/c-1001"`, `id="next" href="/email/newsletter/r/c-1003"`, `href="/email/picks/r/c-1002"`} {
		if !strings.Contains(body, want) {
			t.Errorf("Ben's page lacks %s", want)
		}
	}
}
