package preview_test

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/preview"
	"github.com/tailor-email/tailor/reload"
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

// TestChecksAccepted: a warning that tailor.yaml's check.accept names
// shows as info with its reason, on the checks page and on the recipient
// page.
func TestChecksAccepted(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, shop.FS()); err != nil {
		t.Fatal(err)
	}
	footer := filepath.Join(dir, "templates/partials/footer.html")
	b, err := os.ReadFile(footer)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, footer, string(b)+`<table width="100%"><tr><td>Fine print</td></tr></table>`+"\n")
	serve := func() http.Handler {
		ws, err := reload.Open(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		srv, err := preview.New(ws, preview.Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(srv.Close)
		return srv.Handler()
	}
	_, body := do(t, serve(), "GET", "/checks", nil, nil)
	warn := regexp.MustCompile(`(?s)<h2 id="sev-warning">.*?</section>`).FindString(body)
	if !strings.Contains(warn, "<code>table-role</code>") {
		t.Fatalf("no table-role warning to accept:\n%.2000s", body)
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "tailor.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	entry := "    - {rule: table-role, reason: the fine print table is read as text}\n"
	if strings.Contains(string(cfg), "\ncheck:\n  accept:\n") {
		cfg = []byte(strings.Replace(string(cfg), "\ncheck:\n  accept:\n", "\ncheck:\n  accept:\n"+entry, 1))
	} else {
		cfg = append(cfg, "\ncheck:\n  accept:\n"+entry...)
	}
	writeFile(t, filepath.Join(dir, "tailor.yaml"), string(cfg))
	h := serve()
	_, body = do(t, h, "GET", "/checks", nil, nil)
	info := regexp.MustCompile(`(?s)<h2 id="sev-info">.*?</section>`).FindString(body)
	if !strings.Contains(info, "<code>table-role</code>") || !strings.Contains(info, "accepted in tailor.yaml: the fine print table is read as text") ||
		strings.Contains(regexp.MustCompile(`(?s)<h2 id="sev-warning">.*?</section>`).FindString(body), "table-role") {
		t.Errorf("the accepted warning is not shown as info with its reason:\n%.3000s", body)
	}
	_, page := do(t, h, "GET", "/email/newsletter/r/c-1001", nil, nil)
	if !strings.Contains(page, "accepted in tailor.yaml: the fine print table is read as text") {
		t.Error("the recipient page does not show the warning as accepted")
	}
}
