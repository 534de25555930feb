package check

import (
	"strings"
	"testing"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/templates"
)

func TestAMPFindings(t *testing.T) {
	amp := &templates.Email{File: "templates/x.html", AMP: true}
	plain := &templates.Email{File: "templates/y.html"}
	tests := []struct {
		name  string
		email *templates.Email
		msg   render.Message
		want  []string // "severity message-substring", in order
	}{
		{"not an AMP email", plain, render.Message{AMP: "<html>"}, nil},
		{"dropped by the engine", amp, render.Message{AMPDropped: "amp-img without layout"},
			[]string{"error the AMP part was dropped: amp-img without layout"}},
		{"no AMP part", amp, render.Message{}, []string{"warning no AMP part was rendered"}},
		{"invalid AMP part", amp, render.Message{AMP: "<!doctype html>\n<html><head></head><body><p>hi</p></body></html>\n"},
			[]string{"error AMP part line 2:1: MANDATORY_ATTR_MISSING"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ampFindings(tt.email, &tt.msg)
			if tt.want == nil {
				if len(got) > 0 {
					t.Errorf("got %v, want nothing", got)
				}
				return
			}
			if len(got) < len(tt.want) {
				t.Fatalf("got %d findings %v, want at least %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				sev, msg, _ := strings.Cut(w, " ")
				f := got[i]
				if f.Rule != "amp-invalid" || f.Severity.String() != sev || !strings.Contains(f.Message, msg) || f.File != "templates/x.html" {
					t.Errorf("finding %d = %+v, want %s %q at templates/x.html", i, f, sev, msg)
				}
			}
		})
	}
}
