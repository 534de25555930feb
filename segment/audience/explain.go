package audience

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tailor-email/tailor/segment"
)

// maxValue bounds how much of a field's value an explanation prints.
const maxValue = 80

// WriteExplain prints why one recipient got its membership: each segment
// rule's value and the fields it read, each score rule's points, each
// tier, and the experiment variants (when given).
func WriteExplain(w io.Writer, id string, p segment.Profile, ex segment.Explanation, variants map[string]string) error {
	fmt.Fprintf(w, "recipient %s\n", id)
	writePredictions(w, ex.Predictions)
	fmt.Fprint(w, "\nsegments:\n")
	for _, s := range ex.Segments {
		fmt.Fprintf(w, "  %-5v %s: %s\n", s.In, s.Rule.Name, oneLine(s.Rule.When))
		writeFields(w, p, s.Rule.Fields())
		writeUses(w, ex.Membership, s.Rule.Uses())
		if s.Err != nil {
			fmt.Fprintf(w, "        error: %s\n", s.Err.Error())
		}
	}
	for _, sc := range ex.Scores {
		tier := sc.Tier
		if tier == "" {
			tier = "(below every tier)"
		}
		fmt.Fprintf(w, "\nscore %s = %d -> tier %s\n", sc.Score.Name, sc.Points, tier)
		for _, pt := range sc.Rules {
			pts := "  0"
			if pt.Matched {
				pts = fmt.Sprintf("%+3d", pt.Rule.Points)
			}
			fmt.Fprintf(w, "  %s (%+d if) %s\n", pts, pt.Rule.Points, oneLine(pt.Rule.When))
			writeFields(w, p, pt.Rule.Fields())
			writeUses(w, ex.Membership, pt.Rule.Uses())
			if pt.Err != nil {
				fmt.Fprintf(w, "        error: %s\n", pt.Err.Error())
			}
		}
		var bands []string
		for _, t := range sc.Score.Tiers {
			bands = append(bands, fmt.Sprintf("%s >= %d", t.Name, t.Min))
		}
		if len(bands) > 0 {
			fmt.Fprintf(w, "  tiers: %s\n", strings.Join(bands, ", "))
		}
	}
	if len(variants) > 0 {
		names := make([]string, 0, len(variants))
		for n := range variants {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintln(w, "\nvariants:")
		for _, n := range names {
			fmt.Fprintf(w, "  %s: %s\n", n, variants[n])
		}
	}
	return nil
}

// writeFields prints the fields a rule read, with their values.
func writeFields(w io.Writer, p segment.Profile, fields []string) {
	for _, f := range fields {
		fmt.Fprintf(w, "        %s = %s\n", f, showValue(p[f]))
	}
}

// writeUses prints the other rules' outcomes a rule read.
func writeUses(w io.Writer, m segment.Membership, uses []string) {
	for _, u := range uses {
		root, name, _ := strings.Cut(u, ".")
		var v any
		switch root {
		case "segments":
			v = m.Segments[name]
		case "scores":
			v = m.Scores[name]
		case "tiers":
			v = m.Tiers[name]
		case "predict":
			v = m.Predictions[name]
		}
		fmt.Fprintf(w, "        %s = %s\n", u, showValue(v))
	}
}

// showValue renders a field value compactly as JSON, shortened.
func showValue(v any) string {
	if v == nil {
		return "(missing)"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if r := []rune(s); len(r) > maxValue {
		s = string(r[:maxValue-3]) + "..."
	}
	return s
}

// oneLine folds a multi-line expression onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
