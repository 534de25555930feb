package render_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tailor-email/tailor/amp/validator/official"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/segment"
)

// hostileAMP are values a recipient's profile could hold, aimed at every
// way a value could break or change an AMP part: markup, quotes, URL
// schemes, amp-mustache, reserved names, control bytes, sizes.
var hostileAMP = []string{
	"", " ", "<", ">", `"`, "'", "&", "&amp;", "&#34;", "<b>bold</b>", "</p></div></body>", "<!--", "-->", "]]>",
	`</style><style amp-custom>body{color:red}</style>`, `<amp-script src="https://evil.example/x.js"></amp-script>`,
	`"><script>alert(1)</script>`, `' onmouseover='x`, `" onclick="x()`, `" [src]="state.x`,
	"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\nscript:x", "&#x6A;avascript:x",
	"data:text/html,x", "vbscript:x", "http://insecure.example/a.png", "//evil.example/a.png", "/relative.png", "#frag",
	"mailto:a@b.example", "https://ok.example/a.png?x=1&y=2", "https://ok.example/\"x", "https://ok.example/a b",
	"{{", "}}", "{{name}}", "{{{html}}}", "{{> partial}}", "{{#items}}x{{/items}}", "⟦ .Profile ⟧", "{ {", "} }",
	"i-amphtml-x", "x i-amphtml-y", "__amp_source_origin", "x\x00y", "a\r\nb", "\t\f", "é ü 中文 🙂", "\u2028",
	strings.Repeat("a", 60_000), strings.Repeat("<", 20_000), strings.Repeat("é", 110_000),
}

// ampFields are the profile fields the example's AMP email prints: text,
// the html tag's lang, an amp-list URL, an alt text, a link, an amp-img.
var ampFields = []string{"first_name", "locale", "id", "rec.name", "rec.url", "rec.image"}

// TestAMPProofEqualsFullValidation renders the example's AMP email for
// hostile profiles twice: validated once per shape (the default) and in
// full for each recipient (amp: {validate: each}). Every outcome must be
// the same, byte for byte: the AMP part, or why it was dropped, or the
// render's error. Some parts must be decided by a proof and some in
// full, and the parts kept must pass the official validator (when
// TAILOR_AMP_VALIDATOR is set).
func TestAMPProofEqualsFullValidation(t *testing.T) {
	t.Parallel() // the official validator takes seconds to start
	fast, each := loadShop(t), loadShop(t)
	render.ValidateAMPEach(each)
	var byProof, inFull atomic.Int64
	render.ObserveAMP(fast, ampEmail, func(p bool) {
		if p {
			byProof.Add(1)
		} else {
			inFull.Add(1)
		}
	})
	var bases []segment.Profile
	for _, r := range shopFixtures(t) {
		bases = append(bases, r.Profile)
	}
	kept, dropped := map[string][]byte{}, 0
	for bi, base := range bases {
		for fi, field := range ampFields {
			if strings.HasPrefix(field, "rec.") && base["recommendations"] == nil {
				continue
			}
			for vi, v := range hostileAMP {
				p := withValue(t, base, field, v)
				got, gotErr := fast.Render(context.Background(), render.Request{Email: ampEmail, Profile: p})
				want, wantErr := each.Render(context.Background(), render.Request{Email: ampEmail, Profile: p})
				name := fmt.Sprintf("%s %s=%.30q", base["id"], field, v)
				if !sameOutcome(t, name, got, gotErr, want, wantErr) || got == nil {
					continue
				}
				if got.AMP == "" {
					dropped++
				} else {
					kept[fmt.Sprintf("b%d-f%d-v%d", bi, fi, vi)] = []byte(got.AMP)
				}
			}
		}
	}
	t.Logf("%d parts decided by a proof, %d in full; %d kept, %d dropped; %d shapes proven",
		byProof.Load(), inFull.Load(), len(kept), dropped, render.AMPProofs(fast, ampEmail))
	if byProof.Load() == 0 || inFull.Load() == 0 || len(kept) == 0 || dropped == 0 {
		t.Error("want parts decided both ways, and both kept and dropped")
	}
	official.ValidateDocs(t, kept)
}

// sameOutcome reports whether two renders of one profile ended the same,
// and fails the test if not.
func sameOutcome(t *testing.T, name string, got *render.Message, gotErr error, want *render.Message, wantErr error) bool {
	t.Helper()
	switch {
	case (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error():
		t.Errorf("%s: error %v, validated in full %v", name, gotErr, wantErr)
		return false
	case gotErr != nil:
		return true
	case got.AMPDropped != want.AMPDropped:
		t.Errorf("%s: dropped %q, validated in full %q", name, got.AMPDropped, want.AMPDropped)
		return false
	case got.AMP != want.AMP || got.HTML != want.HTML:
		t.Errorf("%s: the parts differ from those validated in full", name)
		return false
	}
	return true
}

// TestAMPShapesProvenAtLoad: loading the example validates its AMP email
// with each module variant in place, so shapes are proven before any
// recipient, and a recipient of such a shape is decided by its proof.
func TestAMPShapesProvenAtLoad(t *testing.T) {
	c := loadShop(t)
	if n := render.AMPProofs(c, ampEmail); n == 0 {
		t.Fatal("no shape proven at load")
	}
	var decided []bool
	render.ObserveAMP(c, ampEmail, func(p bool) { decided = append(decided, p) })
	for range 2 {
		if _, err := c.Render(context.Background(), render.Request{Email: ampEmail, Profile: loyalFixture(t)}); err != nil {
			t.Fatal(err)
		}
	}
	if len(decided) != 2 || !decided[1] {
		t.Errorf("the second render of one profile was not decided by a proof: %v", decided)
	}
}

// TestAMPValidateEach: with amp: {validate: each} in its front matter, an
// email's AMP parts are validated in full, at every render, and nothing
// is proven; amp: {validate: once} is the default, amp: true.
func TestAMPValidateEach(t *testing.T) {
	for _, tt := range []struct {
		amp    string
		proofs bool
	}{{"amp: {validate: each}", false}, {"amp: {validate: once}", true}, {"amp: true", true}} {
		t.Run(tt.amp, func(t *testing.T) {
			fsys := ampWorkspace(nil)
			fsys["templates/mail.html"].Data = []byte(strings.Replace(ampMail, "amp: true", tt.amp, 1))
			c, err := render.Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			var decided []bool
			render.ObserveAMP(c, "mail", func(p bool) { decided = append(decided, p) })
			for range 3 {
				m, err := c.Render(context.Background(), render.Request{Email: "mail", Profile: segment.Profile{"first_name": "Ana"}})
				if err != nil || m.AMP == "" {
					t.Fatalf("no AMP part (%v): %s", err, m.AMPDropped)
				}
			}
			if got := render.AMPProofs(c, "mail") > 0; got != tt.proofs {
				t.Errorf("shapes proven: %v, want %v", got, tt.proofs)
			}
			if want := []bool{tt.proofs, tt.proofs, tt.proofs}; fmt.Sprint(decided) != fmt.Sprint(want) {
				t.Errorf("decided by a proof: %v, want %v", decided, want)
			}
		})
	}
}

// TestAMPOptionErrors: a bad amp front matter is a load error at its key.
func TestAMPOptionErrors(t *testing.T) {
	for _, tt := range []struct{ amp, want string }{
		{"amp: {validate: twice}", "templates/mail.html:3:6: amp: validate: want each or once"},
		{"amp: {check: each}", `amp: unknown option "check"`},
		{"amp: [1]", "amp: want true, false or {validate: each}"},
	} {
		fsys := ampWorkspace(nil)
		fsys["templates/mail.html"].Data = []byte(strings.Replace(ampMail, "amp: true", tt.amp, 1))
		if _, err := render.Load(fsys); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.amp, err, tt.want)
		}
	}
}

// TestAMPConcurrent renders the example's AMP email for the fixtures from
// several goroutines on one campaign, whose proofs and writers they
// share: each part equals the one a lone render gives. Run with -race.
func TestAMPConcurrent(t *testing.T) {
	c, lone := loadShop(t), loadShop(t)
	fixtures := shopFixtures(t)
	want := make([]string, len(fixtures))
	for i, r := range fixtures {
		m, err := lone.Render(context.Background(), render.Request{Email: ampEmail, Profile: r.Profile})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = m.AMP + m.AMPDropped
	}
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			for k := range 3 * len(fixtures) {
				i := (k + g) % len(fixtures)
				m, err := c.Render(context.Background(), render.Request{Email: ampEmail, Profile: fixtures[i].Profile})
				if err == nil && m.AMP+m.AMPDropped != want[i] {
					err = fmt.Errorf("%s: the AMP part differs from a lone render's", fixtures[i].Profile["id"])
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
