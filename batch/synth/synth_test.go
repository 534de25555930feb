package synth

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/examples/shop"
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/render"
)

// TestCoversTheExample renders a few cycles of archetypes with the example
// workspace and checks every segment and every module is reached, and no
// recipient fails.
func TestCoversTheExample(t *testing.T) {
	c, err := render.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	segs, mods := map[string]int{}, map[string]int{}
	for i := range 20 * len(Archetypes) {
		for _, email := range c.Emails() {
			cover(t, c, email, i, segs, mods)
		}
	}
	for _, s := range c.Rules.Segments() {
		if segs[s] == 0 {
			t.Errorf("no recipient in segment %s", s)
		}
	}
	for _, m := range c.Library.All() {
		if mods[m.ID] == 0 {
			t.Errorf("no recipient got module %s", m.ID)
		}
	}
	t.Logf("segments %v\nmodules %v", segs, mods)
}

// cover renders recipient i for email and counts its segments and modules.
func cover(t *testing.T, c *render.Campaign, email string, i int, segs, mods map[string]int) {
	t.Helper()
	m, err := c.Render(context.Background(), render.Request{Email: email, Profile: Profile(i, Now)})
	if err != nil {
		t.Fatalf("%s, recipient %d: %v", email, i, err)
	}
	for _, s := range m.Segments {
		segs[s]++
	}
	for _, id := range m.Modules {
		mods[id]++
	}
}

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteJSONL(&a, 0, 50, Now); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSONL(&b, 0, 50, Now); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("two runs differ")
	}
	if n := strings.Count(a.String(), "\n"); n != 50 {
		t.Errorf("%d lines, want 50", n)
	}
	var c bytes.Buffer
	WriteJSONL(&c, 20, 50, Now)
	if !strings.HasSuffix(a.String(), c.String()) {
		t.Error("a range is not the tail of the whole")
	}
}
