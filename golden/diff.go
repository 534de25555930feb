package golden

import (
	"bytes"
	"sort"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/rogpeppe/go-internal/txtar"
)

// diffParts shows a unified diff for each part that differs between two
// golden files, so a changed subject is not buried in an HTML diff.
func diffParts(path string, want, got []byte) string {
	w, g := txtar.Parse(want), txtar.Parse(got)
	var out bytes.Buffer
	if !bytes.Equal(w.Comment, g.Comment) {
		out.Write(diff.Diff(path+" (golden)", w.Comment, path+" (now)", g.Comment))
	}
	wf, gf := files(w), files(g)
	names := map[string]bool{}
	for n := range wf {
		names[n] = true
	}
	for n := range gf {
		names[n] = true
	}
	var sorted []string
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	for _, n := range sorted {
		if !bytes.Equal(wf[n], gf[n]) {
			out.Write(diff.Diff(path+" "+n+" (golden)", wf[n], path+" "+n+" (now)", gf[n]))
		}
	}
	return out.String()
}

func files(a *txtar.Archive) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range a.Files {
		m[f.Name] = f.Data
	}
	return m
}
