package shop_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/workspace"
)

// cycled is a reader of n synthetic recipients taken in turn from a
// pool, each with an ID of its own (the batch skips a repeated one), so
// that what a benchmark reads grows with b.N while the pool is made once.
type cycled struct {
	lines [][]byte
	n, i  int
	line  []byte
	rest  []byte
}

func (c *cycled) Read(p []byte) (int, error) {
	for len(c.rest) == 0 {
		if c.i == c.n {
			return 0, io.EOF
		}
		c.line = append(c.line[:0], c.lines[c.i%len(c.lines)]...)
		at := bytes.Index(c.line, []byte(`"id":"s-`)) + len(`"id":"s-`)
		copy(c.line[at:at+7], fmt.Sprintf("%07d", c.i)) // synth's IDs are s-%07d
		c.rest = c.line
		c.i++
	}
	k := copy(p, c.rest)
	c.rest = c.rest[k:]
	return k, nil
}

// BenchmarkBatch runs the example's synthetic recipients (JSONL, a pool
// of 512 cycled) through the whole batch, as tailor render --workers 1
// does, to JSONL: read, typed by schema.yaml or as read, every email
// rendered and encoded. One recipient per op.
func BenchmarkBatch(b *testing.B) {
	var buf bytes.Buffer
	if err := synth.WriteJSONL(&buf, 0, 512, synth.Now); err != nil {
		b.Fatal(err)
	}
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))[:512]
	s, err := workspace.ReadSchema(shop.FS())
	if err != nil {
		b.Fatal(err)
	}
	c := load(b)
	for _, tc := range []struct {
		name string
		opts recipients.Options
	}{{"as-read", recipients.Options{}}, {"typed", recipients.Options{Schema: s}}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			in := recipients.ReadWith("synth.jsonl", &cycled{lines: lines, n: b.N}, recipients.JSONL, tc.opts)
			sum, err := batch.Run(context.Background(), c, in, batch.Options{Emails: c.Emails(), Workers: 1, IDOf: func(r recipients.Record) string { return c.RecipientID(r.Profile) }}, batch.JSONL(io.Discard))
			if err != nil || sum.Failed != 0 || sum.Rendered != b.N*len(c.Emails()) {
				b.Fatal(err, sum)
			}
		})
	}
}
