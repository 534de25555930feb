package render_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tailor-email/tailor/amp/validator"
	"github.com/tailor-email/tailor/amp/validator/official"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/segment"
)

// hostile are recipient data an attacker would try in an AMP email.
var hostile = []string{
	`</style><style amp-custom>body{color:red}</style>`,
	`{{#items}}{{name}}{{/items}}`,
	`{{`,
	`}}`,
	`<p [src]="state.x" [text]="x">`,
	` [src]=javascript:alert(1) `,
	`<amp-script src="https://evil.example/x.js"></amp-script>`,
	`javascript:alert(1)`,
	`"><script>alert(1)</script>`,
	`⟦ .Profile ⟧ {{ .Profile }}`,
}

// hostileFields are the profile fields the AMP email writes: into text, an
// amp-list URL, attributes (alt) and URLs (href, amp-img src).
var hostileFields = []string{"first_name", "id", "rec.name", "rec.url", "rec.image"}

// TestAMPHostileData puts each hostile value into each field the AMP
// email shows. Every render yields either an AMP part that passes the
// validator with the value escaped, or no AMP part and a reason. Never an
// invalid or injected one.
func TestAMPHostileData(t *testing.T) {
	t.Parallel() // the official validator takes seconds to start
	c := loadShop(t)
	base := loyalFixture(t)
	kept, dropped, failed := map[string][]byte{}, 0, 0
	for fi, field := range hostileFields {
		for vi, v := range hostile {
			p := withValue(t, base, field, v)
			m, err := c.Render(context.Background(), render.Request{Email: ampEmail, Profile: p})
			if err != nil {
				// The HTML part's link function refuses some URLs and fails
				// the recipient: no message goes out, so nothing is injected.
				if strings.Contains(err.Error(), ".amp") {
					t.Errorf("%s=%q: the AMP part failed the render: %v", field, v, err)
				}
				failed++
				continue
			}
			if m.HTML == "" {
				t.Errorf("%s=%q: no HTML part", field, v)
			}
			if m.AMP == "" {
				if m.AMPDropped == "" {
					t.Errorf("%s=%q: AMP part missing and no reason given", field, v)
				}
				t.Logf("%s=%q: dropped: %s", field, v, m.AMPDropped)
				dropped++
				continue
			}
			if problem := injected(m.AMP); problem != "" {
				t.Errorf("%s=%q: %s", field, v, problem)
			}
			if res := validator.Validate([]byte(m.AMP)); !res.Pass {
				t.Errorf("%s=%q: invalid AMP part went out: %s", field, v, res.Summary())
			}
			kept[fmt.Sprintf("hostile-%d-%d", fi, vi)] = []byte(m.AMP)
		}
	}
	t.Logf("%d renders kept a valid, escaped AMP part; %d dropped it with a reason; %d failed in the HTML part", len(kept), dropped, failed)
	if len(kept) == 0 || dropped == 0 {
		t.Errorf("want both outcomes among %d renders (kept %d, dropped %d)", len(hostile)*len(hostileFields), len(kept), dropped)
	}
	official.ValidateDocs(t, kept)
}

// injected reports markup in an AMP part that no template wrote: an extra
// script or style, amp-script, a javascript: URL, an amp-bind attribute,
// or an amp-mustache tag other than the example's own.
func injected(doc string) string {
	own := map[string]bool{"{{url}}": true, "{{name}}": true, "{{price}}": true, "{{#low_stock}}": true, "{{/low_stock}}": true}
	rest := doc
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			break
		}
		j := strings.Index(rest[i:], "}}")
		if j < 0 || !own[rest[i:i+j+2]] {
			return fmt.Sprintf("amp-mustache syntax from data: %.30q", rest[i:])
		}
		rest = rest[i+j+2:]
	}
	counts := map[string]int{}
	z := html.NewTokenizer(strings.NewReader(doc))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		counts[tok.Data]++
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "[") || strings.HasPrefix(a.Key, "on") {
				return fmt.Sprintf("attribute %s from data", a.Key)
			}
			if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				return fmt.Sprintf("javascript: URL in %s", a.Key)
			}
		}
	}
	if counts["script"] != 4 || counts["style"] != 2 || counts["amp-script"] != 0 || counts["p"] > 20 {
		return fmt.Sprintf("elements from data: %d script, %d style, %d amp-script", counts["script"], counts["style"], counts["amp-script"])
	}
	return ""
}

// loyalFixture is the example fixture that gets the personal picks module
// (its recommendations reach the AMP part).
func loyalFixture(t *testing.T) segment.Profile {
	for _, r := range shopFixtures(t) {
		if r.Profile["id"] == "c-1003" {
			return r.Profile
		}
	}
	t.Fatal("fixture c-1003 not found")
	return nil
}

// withValue returns a deep copy of p with field set to v; "rec.X" sets X
// of the first recommendation.
func withValue(t *testing.T, p segment.Profile, field, v string) segment.Profile {
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var q segment.Profile
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatal(err)
	}
	if key, ok := strings.CutPrefix(field, "rec."); ok {
		q["recommendations"].([]any)[0].(map[string]any)[key] = v
		return q
	}
	q[field] = v
	return q
}
