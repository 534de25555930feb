package recipients_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/examples/shop"
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/workspace"
)

// cycle is a reader of n lines taken in turn from a pool, so that what
// a benchmark reads grows with b.N while the pool is made once.
type cycle struct {
	lines [][]byte
	n, i  int
	rest  []byte
}

func (c *cycle) Read(p []byte) (int, error) {
	for len(c.rest) == 0 {
		if c.i == c.n {
			return 0, io.EOF
		}
		c.rest = c.lines[c.i%len(c.lines)]
		c.i++
	}
	k := copy(p, c.rest)
	c.rest = c.rest[k:]
	return k, nil
}

// BenchmarkReadSynth reads the example's synthetic recipients (JSONL, a
// pool of 512 cycled) as read (untyped) and typed by the example's
// schema.yaml: one recipient per op.
func BenchmarkReadSynth(b *testing.B) {
	var buf bytes.Buffer
	if err := synth.WriteJSONL(&buf, 0, 512, synth.Now); err != nil {
		b.Fatal(err)
	}
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	s, err := workspace.ReadSchema(shop.FS())
	if err != nil || s == nil {
		b.Fatal(s, err)
	}
	for _, c := range []struct {
		name string
		opts recipients.Options
	}{{"untyped", recipients.Options{}}, {"typed", recipients.Options{Schema: s}}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for rec := range recipients.ReadWith("synth.jsonl", &cycle{lines: lines[:512], n: b.N}, recipients.JSONL, c.opts) {
				if rec.Err != nil || len(rec.DataErrors) > 0 {
					b.Fatal(rec.Err, rec.DataErrors)
				}
				n++
			}
			if n != b.N {
				b.Fatalf("read %d of %d", n, b.N)
			}
		})
	}
}
