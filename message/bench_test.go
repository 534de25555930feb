package message

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/examples/shop"
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/render"
)

// BenchmarkAppendJSONL is the JSONL encoding of one example message, the
// part of a batch's per-recipient cost after the render, against
// encoding/json; and with the HTML in the JSON form the engine makes
// (render.Request.HTMLJSON), as a batch writing JSONL has it.
func BenchmarkAppendJSONL(b *testing.B) {
	c, err := render.Load(shop.FS())
	if err != nil {
		b.Fatal(err)
	}
	m, err := c.Render(context.Background(), render.Request{Email: "newsletter", Profile: synth.Profile(2, synth.Now)})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(m.HTML) + len(m.Text)))
		b.ReportAllocs()
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(Line(m)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("AppendJSONL", func(b *testing.B) {
		b.SetBytes(int64(len(m.HTML) + len(m.Text)))
		b.ReportAllocs()
		var dst []byte
		for b.Loop() {
			j := Line(m)
			dst = AppendJSONL(dst[:0], &j)
		}
	})
	var htmlJSON []byte
	withJSON, err := c.Render(context.Background(), render.Request{Email: "newsletter", Profile: synth.Profile(2, synth.Now), HTMLJSON: &htmlJSON})
	if err != nil || len(htmlJSON) == 0 {
		b.Fatalf("no JSON form of the HTML (%v)", err)
	}
	b.Run("AppendJSONL-HTMLJSON", func(b *testing.B) {
		b.SetBytes(int64(len(m.HTML) + len(m.Text)))
		b.ReportAllocs()
		var dst []byte
		for b.Loop() {
			j := Line(withJSON)
			j.HTMLJSON = htmlJSON
			dst = AppendJSONL(dst[:0], &j)
		}
	})
}
