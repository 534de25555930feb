package render

import "github.com/tailor-email/tailor/templates"

// funcBounds are the bounds of the campaign's functions (its link may
// write click redirects: see workspace.Config.ClickPrefix).
func (c *Campaign) funcBounds() map[string]templates.Bound {
	return templates.BoundsFor(templates.Defaults{Track: c.Config.ClickPrefix()})
}
