package check

import (
	"errors"
	"fmt"
	"path"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/workspace"
)

// Accepted is one entry of tailor.yaml's check.accept: warnings that the
// workspace accepts on purpose, and why.
type Accepted struct {
	// Rule is the rule it accepts, such as "caniemail/css-at-media".
	Rule string `yaml:"rule"`
	// File, when set, limits it to the files that match this path.Match
	// pattern, such as "modules/hero/*.html".
	File string `yaml:"file"`
	// Reason says why; it is required and printed with each finding.
	Reason string `yaml:"reason"`
}

// Settings is tailor.yaml's check: section.
type Settings struct {
	Accept []Accepted `yaml:"accept"`
}

// Accept lowers each warning that tailor.yaml's check.accept names to an
// info that says it is accepted and why, so that --strict passes on what
// the workspace does on purpose. Errors are never lowered. It returns an
// error, at tailor.yaml:line:col, for a section that does not decode, an
// entry without rule or reason, or a bad file pattern.
func Accept(c *render.Campaign, fs []Finding) ([]Finding, error) {
	if c.Config == nil {
		return fs, nil
	}
	s, err := workspace.DecodeSection[Settings](c.Config.Check)
	if err != nil || s == nil {
		return fs, err
	}
	for i, a := range s.Accept {
		if a.Rule == "" || a.Reason == "" {
			return nil, fmt.Errorf("%s: check.accept[%d]: %w", workspace.ConfigFile, i, errors.New("an entry needs a rule and a reason"))
		}
		if _, err := path.Match(a.File, ""); err != nil {
			return nil, fmt.Errorf("%s: check.accept[%d]: file %q: %w", workspace.ConfigFile, i, a.File, err)
		}
	}
	out := append([]Finding(nil), fs...)
	for i := range out {
		f := &out[i]
		if f.Severity != Warning {
			continue
		}
		for _, a := range s.Accept {
			if ok, _ := path.Match(a.File, f.File); a.Rule == f.Rule && (a.File == "" || ok) {
				f.Severity = Info
				f.Message += " (accepted in tailor.yaml: " + a.Reason + ")"
				break
			}
		}
	}
	return out, nil
}
