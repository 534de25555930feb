package preview_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// brokenImages is a script that lists the images of the page that did not
// load (naturalWidth 0), or "loading" while the page is not complete.
const brokenImages = `(function () {
  if (document.readyState !== "complete") return "loading";
  var bad = [];
  Array.prototype.forEach.call(document.images, function (i) {
    if (!i.complete || i.naturalWidth === 0) bad.push(i.getAttribute("src"));
  });
  return bad.join(" ") + "|" + document.images.length;
})()`

// TestBrowserImages: no broken image on any page of the example: the
// index, each email's matrix, and each email as each fixture recipient
// sees it, whose images preview serves from the example's assets folder
// (no network needed).
func TestBrowserImages(t *testing.T) {
	ctx := newBrowser(t)
	url := serveExample(t)
	pages := []string{"/", "/email/newsletter", "/email/picks"}
	for _, e := range []string{"newsletter", "picks"} {
		for i := 1001; i <= 1008; i++ {
			id := fmt.Sprintf("c-%d", i)
			pages = append(pages, "/email/"+e+"/r/"+id, "/email/"+e+"/r/"+id+"/frame")
		}
	}
	total := 0
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(url+p)); err != nil {
			t.Fatal(err)
		}
		var last string
		eventually(t, ctx, 30*time.Second, p+": images loaded", func(ctx context.Context) (bool, string) {
			s, err := chromedp.Run(ctx, chromedp.Evaluate[string](brokenImages))
			last = s
			return err == nil && s != "loading", s
		})
		bad, count, _ := strings.Cut(last, "|")
		n, _ := strconv.Atoi(count)
		if bad != "" {
			t.Errorf("%s: broken images: %s", p, bad)
		}
		total += n
	}
	if total < 16 {
		t.Errorf("only %d images seen in all pages: the test reads no email", total)
	}
	t.Logf("%d images on %d pages, none broken", total, len(pages))
}
