package throughput

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/batch/synth"
	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/render"
)

// TestPathsGiveIdenticalOutput renders the same synthetic recipients on
// both paths and requires byte-identical JSONL: the engine's inline-once
// HTML equals render-then-inline, and every other field is the same.
func TestPathsGiveIdenticalOutput(t *testing.T) {
	n := 3 * len(synth.Archetypes) * 4
	data := Recipients(n)
	var outs [2]bytes.Buffer
	for i, p := range []Path{Engine, Naive} {
		res, err := Measure(context.Background(), p, data, 2, &outs[i])
		if err != nil {
			t.Fatal(err)
		}
		if res.N != n || res.Failed != 0 {
			t.Fatalf("%s: rendered %d, failed %d, want %d, 0", p, res.N, res.Failed, n)
		}
		if len(res.Segments) < 7 {
			t.Errorf("%s: only segments %v: the recipients do not exercise the example", p, res.Segments)
		}
	}
	engine := lines(t, outs[0].String())
	naive := lines(t, outs[1].String())
	if len(engine) != len(naive) {
		t.Fatalf("engine %d lines, naive %d", len(engine), len(naive))
	}
	fields := []struct {
		name string
		get  func(message.JSON) string
	}{
		{"html", func(l message.JSON) string { return l.HTML }},
		{"text", func(l message.JSON) string { return l.Text }},
		{"amp", func(l message.JSON) string { return l.AMP }},
		{"headers", func(l message.JSON) string { return l.To + "\n" + l.Subject + "\n" + l.Preheader }},
	}
	for _, f := range fields {
		t.Run(f.name, func(t *testing.T) {
			bad := 0
			for i := range engine {
				if e, n := f.get(engine[i]), f.get(naive[i]); e != n {
					if bad++; bad <= 3 {
						t.Errorf("recipient %s:\n%s", engine[i].ID, firstDiff(e, n))
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d recipients differ", bad, len(engine))
			}
		})
	}
	// The fields above name what differs; the bytes must be the same too
	// (the engine writes the HTML's JSON as it renders, the naive path
	// escapes its inlined HTML afterwards).
	if !bytes.Equal(outs[0].Bytes(), outs[1].Bytes()) {
		t.Errorf("the JSONL output differs byte for byte")
	}
}

func lines(t *testing.T, jsonl string) []message.JSON {
	var out []message.JSON
	for _, l := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		var line message.JSON
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Fatal(err)
		}
		out = append(out, line)
	}
	return out
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(i-100, 0)
	return "engine: …" + clip(a[lo:]) + "\nnaive:  …" + clip(b[lo:])
}

func clip(s string) string {
	if len(s) > 200 {
		return s[:200]
	}
	return s
}

// BenchmarkPaths renders synthetic recipients through the whole batch
// (JSONL in, JSONL out to io.Discard) on each path; b.N recipients per
// run. ns/op is per recipient across all workers.
func BenchmarkPaths(b *testing.B) {
	for _, p := range []Path{Engine, Naive} {
		b.Run(string(p), func(b *testing.B) {
			data := Recipients(b.N)
			b.ReportAllocs()
			b.ResetTimer()
			res, err := Measure(context.Background(), p, data, 0, discard{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(res.PerCPU, "recipients/s/core")
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestGeneratedWorkspaces: the grown workspaces load with the modules
// and slots asked for, and no synthetic recipient is in a segment the
// generated modules target, so that those modules can never be picked.
func TestGeneratedWorkspaces(t *testing.T) {
	base, err := Generated(Spec{})
	if err != nil {
		t.Fatal(err)
	}
	for _, spec := range []Spec{{Modules: 30}, {Slots: 5}} {
		ws, err := Generated(spec)
		if err != nil {
			t.Fatal(err)
		}
		c, err := render.Load(ws)
		if err != nil {
			t.Fatalf("%+v: %v", spec, err)
		}
		b, err := render.Load(base)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(c.Library.All()), len(b.Library.All())+spec.Modules+2*spec.Slots; got != want {
			t.Errorf("%+v: %d modules, want %d", spec, got, want)
		}
		if spec.Slots > 0 && len(c.Slots("generated")) != spec.Slots {
			t.Errorf("%+v: the generated email has slots %v", spec, c.Slots("generated"))
		}
	}
	var out bytes.Buffer
	res, err := MeasureCase(context.Background(), Case{Path: Engine, Emails: []string{"newsletter"}, Format: "jsonl", Workspace: &Spec{Modules: 30}},
		Recipients(5*len(synth.Archetypes)), 2, &out)
	if err != nil || res.Failed != 0 {
		t.Fatal(res, err)
	}
	for seg := range res.Segments {
		if strings.HasPrefix(seg, "unused_") {
			t.Errorf("a recipient is in %s", seg)
		}
	}
	if strings.Contains(out.String(), `"products/gen-`) {
		t.Error("a generated module was picked")
	}
}

// BenchmarkCases renders b.N synthetic recipients through the whole batch
// for the newsletter as JSONL and as .eml files (in the system's
// temporary folder), and for the picks email (with its AMP part) as
// JSONL; ns/op is per recipient across all workers. Under
// callgrind (GOMAXPROCS=1), the instructions per recipient of two b.N
// apart weigh a change where wall time cannot.
func BenchmarkCases(b *testing.B) {
	for _, c := range []Case{
		{Name: "jsonl", Path: Engine, Emails: []string{"newsletter"}, Format: "jsonl"},
		{Name: "eml", Path: Engine, Emails: []string{"newsletter"}, Format: "eml"},
		{Name: "picks", Path: Engine, Emails: []string{"picks"}, Format: "jsonl"},
	} {
		b.Run(c.Name, func(b *testing.B) {
			p, err := Prepare(c)
			if err != nil {
				b.Fatal(err)
			}
			data := Recipients(b.N)
			b.ResetTimer()
			res, err := p.Measure(context.Background(), data, 0, discard{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(res.PerCPU, "recipients/s/core")
		})
	}
}
