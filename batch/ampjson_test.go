package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
)

// TestJSONLWithAMPIsEncodingJSONs renders the example's picks email (with
// its AMP part) for recipients of every archetype through a JSONL batch,
// where the engine writes the HTML and AMP parts in JSON form as it
// renders, and requires each line to be what encoding/json writes for the
// message rendered without them.
func TestJSONLWithAMPIsEncodingJSONs(t *testing.T) {
	c, err := render.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	var recs []recipients.Record
	for i := range 2 * len(synth.Archetypes) {
		recs = append(recs, recipients.Record{Source: "in.jsonl", Line: i + 1, Profile: synth.Profile(i, synth.Now)})
	}
	var out bytes.Buffer
	opts := Options{Emails: []string{"picks"}, Workers: 2, Now: synth.Now}
	if _, err := Run(context.Background(), c, func(yield func(recipients.Record) bool) {
		for _, r := range recs {
			if !yield(r) {
				return
			}
		}
	}, opts, JSONL(&out)); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(out.String(), "\n")
	withAMP := 0
	for i, r := range recs {
		m, err := c.Render(context.Background(), render.Request{Email: "picks", Profile: r.Profile, Now: synth.Now})
		if err != nil {
			t.Fatal(err)
		}
		if m.AMP != "" {
			withAMP++
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(message.Line(m)); err != nil {
			t.Fatal(err)
		}
		if i >= len(lines) || lines[i] != want.String() {
			t.Fatalf("line %d differs from encoding/json's:\n got %.300s\nwant %.300s", i, lines[min(i, len(lines)-1)], want.Bytes())
		}
	}
	if withAMP == 0 {
		t.Fatal("no recipient had an AMP part: the test checks nothing")
	}
}

// ampFake renders as fake does, with an AMP part; as an AMPJSONRenderer
// asked for the AMP part's JSON form it appends it (marked) and leaves
// Message.AMP empty, as the engine does.
type ampFake struct {
	appends bool
	asked   int
}

func (f *ampFake) Render(ctx context.Context, req render.Request) (*render.Message, error) {
	m, err := fake{}.Render(ctx, req)
	if err != nil {
		return m, err
	}
	m.AMP = "<p>amp " + m.ID + "</p>"
	if req.AMPJSON != nil {
		f.asked++
		*req.AMPJSON = fmt.Appendf(*req.AMPJSON, `"json form of %s"`, m.AMP)
		m.AMP = ""
	}
	return m, nil
}

func (f *ampFake) AppendsAMPJSON() bool { return f.appends }

// TestAMPJSONOnlyFromAMPJSONRenderers: the JSONL sink asks for the AMP
// part's JSON form only a renderer that says it appends it, and writes
// that as the amp field; any other renderer (one that changes the AMP part
// after rendering, say) is not asked, and its AMP part is written as it is.
func TestAMPJSONOnlyFromAMPJSONRenderers(t *testing.T) {
	for _, appends := range []bool{true, false} {
		f := &ampFake{appends: appends}
		var out bytes.Buffer
		opts := Options{Emails: []string{"e1"}, Workers: 1, IDOf: idOf}
		if _, err := Run(context.Background(), f, records(10, nil), opts, JSONL(&out)); err != nil {
			t.Fatal(err)
		}
		want, asked := `"amp":"<p>amp r0000</p>"`, 0
		if appends {
			want, asked = `"amp":"json form of <p>amp r0000</p>"`, 10
		}
		if f.asked != asked || !strings.Contains(out.String(), want) {
			t.Errorf("appends %v: asked %d times (want %d); output %.200s, want %s in it", appends, f.asked, asked, out.String(), want)
		}
	}
}
