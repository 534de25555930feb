package batch_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"testing"

	"github.com/tailor-email/tailor/batch"
	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/mime/mimetest"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
)

// rendered is one recipient's email as batch wrote it: the JSONL line and
// the .eml file of the same run.
type rendered struct {
	line message.JSON
	eml  string // path
}

// renderBoth renders the example's fixtures and some synthetic recipients
// (non-ASCII and quoted names, carts, AMP) for every email, once as JSONL
// and once as .eml files.
func renderBoth(t *testing.T) (*render.Campaign, []rendered) {
	t.Helper()
	c, err := render.Load(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	recs, err := recipients.Fixtures(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := synth.WriteJSONL(&buf, 0, 3*len(synth.Archetypes), synth.Now); err != nil {
		t.Fatal(err)
	}
	for r := range recipients.Read("synth.jsonl", &buf, recipients.JSONL) {
		recs = append(recs, r)
	}
	seq := func(yield func(recipients.Record) bool) {
		for _, r := range recs {
			if !yield(r) {
				return
			}
		}
	}
	dir := t.TempDir()
	var out []rendered
	for _, format := range []string{"jsonl", "eml"} {
		runBatch(t, c, seq, dir, format)
	}
	f, err := os.Open(filepath.Join(dir, "messages.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var l message.JSON
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		if l.Error != "" {
			t.Fatalf("%s: %s", l.ID, l.Error)
		}
		email, err1 := recipients.FileName(l.Template)
		name, err2 := recipients.FileName(l.ID)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		out = append(out, rendered{l, filepath.Join(dir, email, name+".eml")})
	}
	if len(out) != len(recs)*len(c.Emails()) {
		t.Fatalf("%d JSONL lines for %d recipients x %d emails", len(out), len(recs), len(c.Emails()))
	}
	return c, out
}

func runBatch(t *testing.T, c *render.Campaign, in iter.Seq[recipients.Record], dir, format string) {
	t.Helper()
	sink, err := batch.Dir(dir, format, false)
	if err != nil {
		t.Fatal(err)
	}
	opts := batch.Options{Emails: c.Emails(), IDOf: func(r recipients.Record) string { return c.RecipientID(r.Profile) }}
	sum, err := batch.Run(context.Background(), c, in, opts, sink)
	if err != nil || sum.Failed > 0 {
		t.Fatalf("%s: %v, %d failed", format, err, sum.Failed)
	}
}

// TestEMLReadsBackAsJSONL reads every .eml back with net/mail and
// mime/multipart and finds the decoded subject, From, To and each part
// (text, AMP when there is one, HTML, in that order) equal to the JSONL
// line of the same recipient and email.
func TestEMLReadsBackAsJSONL(t *testing.T) {
	c, msgs := renderBoth(t)
	amp := 0
	for _, m := range msgs {
		raw, err := os.ReadFile(m.eml)
		if err != nil {
			t.Fatal(err)
		}
		p, err := mimetest.Parse(raw)
		if err != nil {
			t.Fatalf("%s: %v", m.eml, err)
		}
		var dec mime.WordDecoder
		subject, err := dec.DecodeHeader(p.Header.Get("Subject"))
		if err != nil || subject != m.line.Subject {
			t.Errorf("%s: Subject %q (%v), want %q", m.eml, subject, err, m.line.Subject)
		}
		sameAddress(t, m.eml, "To", p.Header.Get("To"), m.line.To)
		sameAddress(t, m.eml, "From", p.Header.Get("From"), c.Config.From)
		want := []mimetest.Part{{MediaType: "text/plain", Body: m.line.Text}}
		if m.line.AMP != "" {
			want = append(want, mimetest.Part{MediaType: "text/x-amp-html", Body: m.line.AMP})
			amp++
		}
		want = append(want, mimetest.Part{MediaType: "text/html", Body: m.line.HTML})
		if len(p.Parts) != len(want) {
			t.Errorf("%s: %d parts, want %d", m.eml, len(p.Parts), len(want))
			continue
		}
		for i, w := range want {
			if p.Parts[i].MediaType != w.MediaType || mimetest.LF(p.Parts[i].Body) != mimetest.LF(w.Body) {
				t.Errorf("%s: part %d is %s (%d bytes), want %s equal to the JSONL field (%d bytes)",
					m.eml, i+1, p.Parts[i].MediaType, len(p.Parts[i].Body), w.MediaType, len(w.Body))
			}
		}
		if d := mimetest.CheckLines(raw, 998, 998); len(d) > 0 {
			t.Errorf("%s: %v", m.eml, d)
		}
	}
	if amp == 0 {
		t.Error("no message had an AMP part: the AMP case is not covered")
	}
}

// sameAddress compares a header address, read with net/mail, with the one
// the JSONL line (or tailor.yaml) gives.
func sameAddress(t *testing.T, file, field, header, want string) {
	t.Helper()
	got, err := mail.ParseAddress(header)
	if err != nil {
		t.Errorf("%s: %s %q: %v", file, field, header, err)
		return
	}
	w, err := mail.ParseAddress(want)
	if err != nil {
		t.Fatalf("%s: JSONL %s %q: %v", file, field, want, err)
	}
	if *got != *w {
		t.Errorf("%s: %s = %q <%s>, want %q <%s>", file, field, got.Name, got.Address, w.Name, w.Address)
	}
}

// TestEMLReadsBackInPython does the same with Python's email package
// (mimetest.Python), where python3 is present.
func TestEMLReadsBackInPython(t *testing.T) {
	c, msgs := renderBoth(t)
	files := make([]string, len(msgs))
	for i, m := range msgs {
		files[i] = m.eml
	}
	got := mimetest.Python(t, files)
	from, _ := mail.ParseAddress(c.Config.From)
	for i, m := range msgs {
		g := got[i]
		to, _ := mail.ParseAddress(m.line.To)
		gTo, errTo := mimetest.Address(g.To)
		gFrom, errFrom := mimetest.Address(g.From)
		switch {
		case errTo != nil || errFrom != nil:
			t.Errorf("%s: python's To or From: %v %v", m.eml, errTo, errFrom)
		case len(g.Defects) > 0:
			t.Errorf("%s: python found defects %v", m.eml, g.Defects)
		case g.Subject != m.line.Subject:
			t.Errorf("%s: Subject %q, want %q", m.eml, g.Subject, m.line.Subject)
		case gTo.Addr != to.Address || gTo.Name != to.Name || gTo.Error != "":
			t.Errorf("%s: To %+v, want %q <%s>", m.eml, gTo, to.Name, to.Address)
		case gFrom.Addr != from.Address || gFrom.Name != from.Name || gFrom.Error != "":
			t.Errorf("%s: From %+v, want %s", m.eml, gFrom, c.Config.From)
		}
		want := []string{m.line.Text}
		types := []string{"text/plain"}
		if m.line.AMP != "" {
			want, types = append(want, m.line.AMP), append(types, "text/x-amp-html")
		}
		want, types = append(want, m.line.HTML), append(types, "text/html")
		if len(g.Parts) != len(want) {
			t.Errorf("%s: %d parts, want %d", m.eml, len(g.Parts), len(want))
			continue
		}
		for k := range want {
			if g.Parts[k].Type != types[k] || mimetest.LF(g.Parts[k].Content) != mimetest.LF(want[k]) {
				t.Errorf("%s: python part %d is %s, want %s equal to the JSONL field", m.eml, k+1, g.Parts[k].Type, types[k])
			}
		}
	}
}
