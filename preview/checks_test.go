package preview_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestChecksPage: the workspace's findings grouped by severity and rule,
// each finding once, linked to its source line, which the source page
// shows with an anchor.
func TestChecksPage(t *testing.T) {
	h, _ := newHandler(t)
	res, body := do(t, h, "GET", "/checks", nil, nil)
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	links := regexp.MustCompile(`<a href="(/source/[^"#]+)#L(\d+)">([^<]+)</a>`).FindAllStringSubmatch(body, -1)
	if len(links) == 0 {
		t.Fatalf("no finding links to a source line:\n%.3000s", body)
	}
	seen := map[string]bool{}
	for _, li := range regexp.MustCompile(`(?s)<li>(.*?)</li>`).FindAllStringSubmatch(body, -1) {
		if seen[li[1]] {
			t.Errorf("listed twice: %.200s", li[1])
		}
		seen[li[1]] = true
	}
	if !strings.Contains(body, `<h2 id="sev-warning">`) && !strings.Contains(body, `<h2 id="sev-info">`) {
		t.Error("no severity group")
	}
	l := links[0]
	if !strings.HasPrefix(l[3], strings.TrimPrefix(l[1], "/source/")+":"+l[2]+":") {
		t.Errorf("link %s#L%s names %s", l[1], l[2], l[3])
	}
	res, src := do(t, h, "GET", l[1], nil, nil)
	if res.StatusCode != 200 || !strings.Contains(src, `id="L`+l[2]+`"`) {
		t.Errorf("source page %s: status %d, no line %s", l[1], res.StatusCode, l[2])
	}
	for _, p := range []string{"/source/../../etc/passwd", "/source/nope.html", "/source/templates"} {
		if res, _ := do(t, h, "GET", p, nil, nil); res.StatusCode == 200 {
			t.Errorf("%s: status 200", p)
		}
	}
}
