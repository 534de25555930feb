package check

import (
	"fmt"

	"github.com/tailor-email/tailor/amp/validator"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/templates"
)

// ampFindings checks the AMP part of one rendered message of an email with
// amp: true. The engine drops an AMP part that it cannot render or that
// fails validation (msg.AMPDropped says why); a part it kept is validated
// again here, so a message built by another path is checked as well.
// Positions in the AMP part are quoted in the message, and the finding is
// placed on the email's template file.
func ampFindings(src *templates.Email, msg *render.Message) []Finding {
	if src == nil || !src.AMP {
		return nil
	}
	at := func(sev Severity, msg string) Finding {
		return Finding{Rule: "amp-invalid", Severity: sev, File: src.File, Message: msg}
	}
	switch {
	case msg.AMPDropped != "":
		return []Finding{at(Error, "the AMP part was dropped: "+msg.AMPDropped)}
	case msg.AMP == "":
		return []Finding{at(Warning, "the email has amp: true but no AMP part was rendered")}
	}
	var out []Finding
	for _, e := range validator.Validate([]byte(msg.AMP)).Errors {
		sev := Error
		if e.Severity != validator.SeverityError {
			sev = Warning
		}
		text := fmt.Sprintf("AMP part line %d:%d: %s %s", e.Line, e.Col+1, e.Code, e.Message)
		if e.SpecURL != "" {
			text += " (" + e.SpecURL + ")"
		}
		out = append(out, at(sev, text))
	}
	return out
}
