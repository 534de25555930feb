package mime_test

import (
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/mime"
)

// realistic returns a newsletter-sized message: about 20 KB of inlined HTML
// and 3 KB of text, mostly ASCII with some accented words, plus an unsubscribe
// URL and two extra headers.
func realistic() *mime.Message {
	var html strings.Builder
	html.WriteString(`<!doctype html><html><head><meta charset="utf-8"><title>Weekly</title></head><body style="margin:0;padding:0;background-color:#f4f4f4">`)
	for i := 0; html.Len() < 20000; i++ {
		fmt.Fprintf(&html, `<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;background:#ffffff"><tr><td style="padding:16px 24px;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:24px;color:#333333"><h2 style="margin:0 0 8px;font-size:20px">Pick %d: Café crème</h2><p style="margin:0">Handmade in München, now 20%% off for loyal readers. <a href="https://shop.example/p/%d?utm_source=newsletter&amp;utm_medium=email" style="color:#0066cc">Shop now</a></p></td></tr></table>`+"\n", i, i)
	}
	html.WriteString("</body></html>\n")
	var text strings.Builder
	for i := 0; text.Len() < 3000; i++ {
		fmt.Fprintf(&text, "Pick %d: Café crème\nHandmade in München, now 20%% off for loyal readers.\nhttps://shop.example/p/%d\n\n", i, i)
	}
	return &mime.Message{
		From:            "Tailor Shop <hello@shop.example>",
		To:              "José Müller <jose.mueller@example.com>",
		Subject:         "José, your weekly picks: Café crème and more",
		Date:            testDate,
		ListUnsubscribe: "https://shop.example/unsubscribe?u=jose.mueller%40example.com&t=0123456789abcdef",
		Headers:         [][2]string{{"X-Campaign", "weekly-2026-48"}, {"X-Tailor-Segments", "loyal"}},
		Text:            text.String(),
		HTML:            html.String(),
	}
}

// BenchmarkWrite measures one message to io.Discard, as batch render would
// write it: ns/op, B/op and allocs/op.
func BenchmarkWrite(b *testing.B) {
	m := realistic()
	b.SetBytes(int64(len(m.Text) + len(m.HTML)))
	b.ReportAllocs()
	for b.Loop() {
		if err := mime.Write(io.Discard, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteASCIIName is BenchmarkWrite with an ASCII display name in
// To, which skips net/mail's parser.
func BenchmarkWriteASCIIName(b *testing.B) {
	m := realistic()
	m.To = "Jose Mueller <jose.mueller@example.com>"
	b.SetBytes(int64(len(m.Text) + len(m.HTML)))
	b.ReportAllocs()
	for b.Loop() {
		if err := mime.Write(io.Discard, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteWithAMP adds a 20 KB AMP part.
func BenchmarkWriteWithAMP(b *testing.B) {
	m := realistic()
	m.AMP = m.HTML
	b.SetBytes(int64(len(m.Text) + len(m.HTML) + len(m.AMP)))
	b.ReportAllocs()
	for b.Loop() {
		if err := mime.Write(io.Discard, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStdlibQP encodes the same bodies with mime/quotedprintable, for
// comparison with the package's own encoder inside BenchmarkWrite.
func BenchmarkStdlibQP(b *testing.B) {
	m := realistic()
	b.SetBytes(int64(len(m.Text) + len(m.HTML)))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range []string{m.Text, m.HTML} {
			w := quotedprintable.NewWriter(io.Discard)
			if _, err := io.WriteString(w, s); err != nil {
				b.Fatal(err)
			}
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestRealisticReadBack(t *testing.T) {
	m := realistic()
	raw, err := mime.Append(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, raw, 998, 76)
	checkMessage(t, m, readBack(t, raw))
}
