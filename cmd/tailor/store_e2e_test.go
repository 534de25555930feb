package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/store"
)

// tailorRun runs tailor in-process and returns its stdout and stderr; a
// non-zero exit fails the test.
func tailorRun(t *testing.T, args ...string) (string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(args, &cmdEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}); code != 0 {
		t.Fatalf("tailor %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
	}
	return out.String(), errb.String()
}

// unsubscribeLink is the example footer's unsubscribe link.
var unsubscribeLink = regexp.MustCompile(`<a href="([^"]*)"[^>]*>Unsubscribe</a>`)

// unsubscribeURLs maps each recipient ID of JSONL output to the
// unsubscribe URL its email links; suppressed recipients' lines are left
// out.
func unsubscribeURLs(t *testing.T, jsonl string) map[string]string {
	t.Helper()
	out := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(jsonl))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var m struct {
			ID, HTML   string
			Suppressed bool
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		if m.Suppressed { // their place, with no message
			if m.HTML != "" {
				t.Fatalf("%s is suppressed but has an email", m.ID)
			}
			continue
		}
		link := unsubscribeLink.FindStringSubmatch(m.HTML)
		if link == nil {
			t.Fatalf("%s's email links no unsubscribe URL", m.ID)
		}
		out[m.ID] = html.UnescapeString(link[1])
	}
	return out
}

// TestStoreUnsubscribe: rendered from the store, the example's
// unsubscribe URL is the signed one of tailor serve; a one-click POST of
// it (as a mail client sends it) suppresses the recipient, a forged one
// gets 403, a GET only asks, and the next batch skips the recipient and
// counts it as suppressed. DELETE /v1/profiles/{id} forgets a recipient.
func TestStoreUnsubscribe(t *testing.T) {
	dir := t.TempDir()
	ws, db := filepath.Join(dir, "ws"), filepath.Join(dir, "store.db")
	tailorRun(t, "init", ws)
	tailorRun(t, "store", "import", "--workspace", ws, "--store", db, "--recipients", filepath.Join(ws, "testdata/recipients/crm-export.csv"))
	out, _ := tailorRun(t, "render", "--workspace", ws, "--from-store", "--store", db, "--email", "newsletter")
	urls := unsubscribeURLs(t, out)
	signed := regexp.MustCompile(`^https://shop\.example/v1/unsubscribe\?id=101&list=[^&]+&sig=[0-9a-f]{32}$`)
	if !signed.MatchString(urls["101"]) || len(urls) != 20 {
		t.Fatalf("101's unsubscribe URL is %q (of %d), want the signed one", urls["101"], len(urls))
	}
	base, stop := startServe(t, "--workspace", ws, "--store", db, "--addr", "127.0.0.1:0")
	defer stop()
	at := func(u string) string { p, _ := url.Parse(u); return base + p.RequestURI() }
	oneClick := func(u string) int {
		resp, err := http.Post(u, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	u101 := at(urls["101"])
	forged := []string{
		strings.Replace(u101, "id=101", "id=102", 1),                                              // another recipient, 101's signature
		u101[:len(u101)-1] + map[bool]string{true: "1", false: "0"}[strings.HasSuffix(u101, "0")], // a digit changed
		strings.Split(u101, "&sig=")[0],                                                           // no signature
	}
	for _, f := range forged {
		if code := oneClick(f); code != http.StatusForbidden {
			t.Errorf("forged POST %s: %d, want 403", f, code)
		}
	}
	if page := get(t, u101); !strings.Contains(page, `value="One-Click"`) {
		t.Errorf("GET does not ask: %s", page)
	}
	if code := oneClick(u101); code != http.StatusOK {
		t.Fatalf("one-click POST: %d", code)
	}
	if code := oneClick(at(urls["103"])); code != http.StatusOK {
		t.Fatalf("one-click POST: %d", code)
	}
	out, stderr := tailorRun(t, "render", "--workspace", ws, "--from-store", "--store", db, "--email", "newsletter")
	after := unsubscribeURLs(t, out)
	if _, ok := after["101"]; ok || len(after) != 18 {
		t.Errorf("after two unsubscribed, the batch rendered %d recipients (101 among them: %v)", len(after), ok)
	}
	if !strings.Contains(stderr, "suppressed 2 ") {
		t.Errorf("the summary does not count 2 suppressed:\n%s", stderr)
	}
	testSuppressedEvent(t, base)
	testForgetRoute(t, base, db)
	out, _ = tailorRun(t, "render", "--workspace", ws, "--from-store", "--store", db, "--email", "newsletter", "--unsubscribe-base", "https://mail.example/")
	if u := unsubscribeURLs(t, out)["104"]; !strings.HasPrefix(u, "https://mail.example/v1/unsubscribe?id=104&") {
		t.Errorf("with --unsubscribe-base, 104's URL is %q", u)
	}
}

// testSuppressedEvent posts a purchase of the unsubscribed 101: it is
// answered, marked suppressed, and no message is rendered.
func testSuppressedEvent(t *testing.T, base string) {
	var resp struct {
		Suppressed bool
		Message    *json.RawMessage
	}
	post(t, base+"/v1/events/purchase", `{"profile":{"id":"101","email":"amara.okafor@example.com"},"event":{"total":5}}`, &resp)
	if !resp.Suppressed || resp.Message != nil {
		t.Errorf("the event of a suppressed recipient: suppressed %v, message %v", resp.Suppressed, resp.Message)
	}
}

// testForgetRoute forgets 102 through the API, then reads every table of
// the store: nothing mentions its ID or address.
func testForgetRoute(t *testing.T, base, db string) {
	del := func() int {
		req, _ := http.NewRequest(http.MethodDelete, base+"/v1/profiles/102", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := del(); code != http.StatusOK {
		t.Fatalf("DELETE: %d", code)
	}
	if code := del(); code != http.StatusNotFound {
		t.Errorf("second DELETE: %d, want 404", code)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.(store.Dumper).Dump(context.Background(), func(table string, row []string) error {
		for _, v := range row {
			if v == "102" || strings.Contains(v, `"102"`) || strings.Contains(strings.ToLower(v), "bruno.costa") {
				t.Errorf("table %s mentions the forgotten 102: %q", table, row)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
