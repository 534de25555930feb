package render

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/segment"
)

// nbaWorkspace is the small workspace with an offer slot whose module
// the nba model (model/testdata's 3-class model) chooses.
func nbaWorkspace(t testing.TB, slots string) fstest.MapFS {
	t.Helper()
	b, err := os.ReadFile("../model/testdata/multiclass.json")
	if err != nil {
		t.Fatal(err)
	}
	churn, err := os.ReadFile("../model/testdata/binary.json")
	if err != nil {
		t.Fatal(err)
	}
	ws := smallWorkspace()
	ws["models/nba.json"] = &fstest.MapFile{Data: b}
	ws["models/churn.json"] = &fstest.MapFile{Data: churn}
	ws["tailor.yaml"] = &fstest.MapFile{Data: append(ws["tailor.yaml"].Data, slots...)}
	ws["segments.yaml"] = &fstest.MapFile{Data: []byte(`models:
  - name: nba
    file: models/nba.json
    output: actions
    actions: [discount, newsletter, bundle]
    features: {a: x0, b: x1, c: x2, d: x3, e: x4, f: x5}
  - name: churn_score
    file: models/nba.json
    output: actions
    actions: [a, b, c]
    features: {a: x0, b: x1, c: x2, d: x3, e: x4, f: x5}
  - name: churn
    file: models/churn.json
    output: probability
    features: {f0: x0, f1: x1, f2: x2, f3: x3, f4: x4, f5: x5}
segments:
  - name: vip
    when: spent >= 100
`)}
	ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n<p>Hello</p>\n{{ .Slots.hero }}\n{{ .Slots.offer }}\n")}
	ws["modules/offer/discount.md"] = &fstest.MapFile{Data: []byte("---\npriority: 5\nwhen: not (no_discount ?? false)\n---\n20% off\n")}
	ws["modules/offer/bundle-deal.md"] = &fstest.MapFile{Data: []byte("---\npriority: 3\nwhen: not (no_bundle ?? false)\n---\nTwo for one\n")}
	ws["modules/offer/newsletter.md"] = &fstest.MapFile{Data: []byte("---\nwhen: not (no_newsletter ?? false)\n---\nRead our news\n")}
	ws["modules/offer/plain.md"] = &fstest.MapFile{Data: []byte("---\n---\nHello\n")}
	return ws
}

const nbaSlots = "slots:\n  offer:\n    select: {model: nba, explore: 0.1, actions: {offer/bundle-deal: bundle}}\n"

// nbaProfile is recipient i's profile: features drawn from a fixed seed.
func nbaProfile(i int, rng *rand.Rand) segment.Profile {
	p := segment.Profile{"id": fmt.Sprintf("r%05d", i)}
	for f := range 6 {
		p[fmt.Sprintf("x%d", f)] = math.Round(rng.Float64()*200-50) / 10
	}
	return p
}

// TestExploreShare: with explore: 0.1, 10,000 recipients get the
// exploratory choice 10% ± 1% of the time, the same recipients and
// modules in every run; the others get the module of the highest
// prediction; each choice's propensity is the probability of the way it
// was made.
func TestExploreShare(t *testing.T) {
	c := mustLoad(t, nbaWorkspace(t, nbaSlots))
	run := func() (picks []string, explored int, bestDiffers int, perModule map[string]int) {
		rng := rand.New(rand.NewPCG(23, 1))
		perModule = map[string]int{}
		for i := range 10000 {
			ch, err := c.Choices("hello", nbaProfile(i, rng), c.now)
			if err != nil {
				t.Fatal(err)
			}
			o := ch["offer"]
			if o == nil || o.NoChoice != "" || len(o.Scored) != 3 {
				t.Fatalf("recipient %d: choice %+v", i, o)
			}
			for _, s := range o.Scored {
				if s.Value > o.Scored[o.Best].Value {
					t.Fatalf("recipient %d: best %d is not the highest of %+v", i, o.Best, o.Scored)
				}
			}
			want := 0.9 + 0.1/3
			if o.Picked != o.Best {
				want = 0.1 / 3
			}
			if math.Abs(o.Propensity-want) > 1e-12 || o.Explored != (o.Point < 0.1) || !o.Explored && o.Picked != o.Best {
				t.Fatalf("recipient %d: %+v", i, o)
			}
			if o.Explored {
				why := fmt.Sprintf("; explored (hash %.4f < explore 0.1): %s at random among 3, propensity %.4f", o.Point, o.Scored[o.Picked].Module.ID, o.Propensity)
				if !strings.HasSuffix(o.String(), why) {
					t.Fatalf("recipient %d: explanation %q, want it to end %q", i, o, why)
				}
				explored++
				perModule[o.Scored[o.Picked].Module.ID]++
			}
			if o.Best != 0 {
				bestDiffers++ // not discount, the first by priority
			}
			picks = append(picks, o.Scored[o.Picked].Module.ID)
		}
		return picks, explored, bestDiffers, perModule
	}
	picks, explored, bestDiffers, perModule := run()
	if explored < 900 || explored > 1100 {
		t.Errorf("%d of 10,000 explored, want 10%% ± 1%%", explored)
	}
	if bestDiffers < 100 || bestDiffers > 9900 {
		t.Errorf("the model's best differs from priority's for %d of 10,000: the test's features do not exercise it", bestDiffers)
	}
	for id, n := range perModule {
		if n < explored/3-100 || n > explored/3+100 {
			t.Errorf("explored recipients got %s %d times of %d, want about a third", id, n, explored)
		}
	}
	again, explored2, _, _ := run()
	if explored2 != explored || strings.Join(again, ",") != strings.Join(picks, ",") {
		t.Error("a second run chose differently")
	}
	t.Logf("explored %d of 10,000 (%v); the best was not the first by priority for %d", explored, perModule, bestDiffers)
}

// TestModelChoosesModule: the rendered message shows the model's module
// and records its propensity; Plan agrees; a slot the model cannot choose
// for (no eligible module it scores) chooses as without a model and
// records no propensity.
func TestModelChoosesModule(t *testing.T) {
	c := mustLoad(t, nbaWorkspace(t, nbaSlots))
	rng := rand.New(rand.NewPCG(23, 1))
	changed := 0
	for i := range 200 {
		p := nbaProfile(i, rng)
		ch, err := c.Choices("hello", p, c.now)
		if err != nil {
			t.Fatal(err)
		}
		m, err := c.Render(context.Background(), Request{Email: "hello", Profile: p})
		if err != nil {
			t.Fatal(err)
		}
		o := ch["offer"]
		want := o.Scored[o.Picked].Module
		plan, _ := c.Plan("hello", p, c.now)
		if m.Modules["offer"] != want.ID || plan["offer"] != want || m.Propensity["offer"] != o.Propensity || len(m.Propensity) != 1 {
			t.Fatalf("recipient %d: message %s %v, plan %s, choice %s", i, m.Modules["offer"], m.Propensity, plan["offer"].ID, o)
		}
		if want.ID != "offer/discount" && !o.Explored {
			changed++
			if !strings.Contains(o.String(), "highest: "+o.Scored[o.Best].Action+" ("+want.ID+")") {
				t.Errorf("explanation %q", o)
			}
		}
	}
	if changed == 0 {
		t.Error("the model never chose other than priority would")
	}
	p := segment.Profile{"id": "x", "no_discount": true, "no_bundle": true, "no_newsletter": true}
	m, err := c.Render(context.Background(), Request{Email: "hello", Profile: p})
	if err != nil {
		t.Fatal(err)
	}
	ch, _ := c.Choices("hello", p, c.now)
	if m.Modules["offer"] != "offer/plain" || m.Propensity != nil || !strings.Contains(ch["offer"].String(), "did not choose (no eligible module it scores)") {
		t.Errorf("nothing scored: %s %v %s", m.Modules["offer"], m.Propensity, ch["offer"])
	}
	plain := mustLoad(t, nbaWorkspace(t, ""))
	if m, _ := plain.Render(context.Background(), Request{Email: "hello", Profile: nbaProfile(0, rng)}); m.Modules["offer"] != "offer/discount" || m.Propensity != nil {
		t.Errorf("without select: %s %v", m.Modules["offer"], m.Propensity)
	}
}

// TestSelectErrors: a slot's select that cannot work fails the load at
// its place in tailor.yaml.
func TestSelectErrors(t *testing.T) {
	for slots, want := range map[string]string{
		"slots:\n  side:\n    select: {model: nba}\n":                                   `tailor.yaml:7:11: slots: side: no such slot (have hero, offer)`,
		"slots:\n  offer:\n    select: {model: nope}\n":                                 `tailor.yaml:7:21: slots: offer: select: model "nope": segments.yaml has no such model`,
		"slots:\n  offer:\n    select: {model: churn}\n":                                `tailor.yaml:7:21: slots: offer: select: model churn: its output is probability; choosing a module needs output: actions`,
		"slots:\n  offer:\n    select: {model: nba, explore: 1.5}\n":                    `tailor.yaml:7:35: slots: offer: select: explore 1.5: want a share from 0 to 1`,
		"slots:\n  offer:\n    select: {model: nba, actions: {offer/plain: gift}}\n":    `slots: offer: select: actions: offer/plain: model nba has no action "gift" (have discount, newsletter, bundle)`,
		"slots:\n  offer:\n    select: {model: nba, actions: {hero/default: bundle}}\n": `slots: offer: select: actions: hero/default is no module of the slot`,
		"slots:\n  offer:\n    select: {model: churn_score}\n":                          `slots: offer: select: model churn_score has an action for none of the slot's modules`,
		"slots:\n  offer:\n    select: {model: nba, explorer: 0.1}\n":                   `tailor.yaml:7:26: unknown field "explorer"`,
	} {
		_, err := Load(nbaWorkspace(t, slots))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", slots, err, want)
		}
	}
}

// BenchmarkSlotChoice renders the small workspace's email, whose offer
// slot the nba model chooses (select) or priority does (priority), for
// one recipient: the difference is the model's choice per recipient (the
// model's scoring, done for both, is segments.yaml's).
func BenchmarkSlotChoice(b *testing.B) {
	for _, bc := range []struct{ name, slots string }{{"select", nbaSlots}, {"priority", ""}} {
		b.Run(bc.name, func(b *testing.B) {
			c, err := Load(nbaWorkspace(b, bc.slots))
			if err != nil {
				b.Fatal(err)
			}
			p := nbaProfile(7, rand.New(rand.NewPCG(23, 1)))
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Render(ctx, Request{Email: "hello", Profile: p}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
