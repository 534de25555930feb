package preview_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserSwitcher: from Ana's page, typing "Ben" in the switcher
// reaches c-1002; the chosen tab stays across the switch, previous/next
// and the same person in the other email; the index shows resolved
// subjects.
func TestBrowserSwitcher(t *testing.T) {
	ctx := newBrowser(t)
	url := serveExample(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/"), chromedp.WaitReady(chromedp.CSS(`tr[data-id="c-1001"] .subject-line`))); err != nil {
		t.Fatal(err)
	}
	if s := text(ctx, `tr[data-id="c-1001"] .subject-line`); s == "" || strings.Contains(s, "{{") {
		t.Errorf("index subject for c-1001 = %q, want it resolved", s)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/email/newsletter/r/c-1001"), chromedp.WaitReady(chromedp.CSS("#switch-q")),
		chromedp.Click(chromedp.CSS("#tab-text"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#switch-q"), "Ben"+kb.Enter)); err != nil {
		t.Fatal(err)
	}
	onPage := func(id string) {
		t.Helper()
		eventually(t, ctx, 30*time.Second, "the page of "+id, func(ctx context.Context) (bool, string) {
			h := text(ctx, "#h-who")
			return strings.Contains(h, id), h
		})
	}
	onPage("c-1002")
	if s := text(ctx, "#h-who"); !strings.Contains(s, "Ben") {
		t.Errorf("who panel %q", s)
	}
	if sel := eval[string](t, ctx, `document.getElementById("tab-text").getAttribute("aria-selected")`); sel != "true" {
		t.Error("the Text tab was not kept across the switch")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#next"))); err != nil {
		t.Fatal(err)
	}
	onPage("c-1003")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#prev"))); err != nil {
		t.Fatal(err)
	}
	onPage("c-1002")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a.other-email[href="/email/picks/r/c-1002"]`))); err != nil {
		t.Fatal(err)
	}
	eventually(t, ctx, 30*time.Second, "Ben in picks", func(ctx context.Context) (bool, string) {
		c := text(ctx, ".crumbs")
		return strings.Contains(c, "picks") && strings.Contains(c, "c-1002"), c
	})
	if s := text(ctx, "#subject"); s == "" || strings.Contains(s, "{{") {
		t.Errorf("subject %q, want it resolved", s)
	}
	if sel := eval[string](t, ctx, `document.getElementById("tab-text").getAttribute("aria-selected")`); sel != "true" {
		t.Error("the Text tab was not kept in the other email")
	}
}
