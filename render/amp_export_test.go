package render

// WithoutAMPValidation compiles a campaign whose AMP parts go out
// unvalidated, for the benchmark that measures what validation costs.
func WithoutAMPValidation() Option { return func(o *loadOptions) { o.skipAMPValidation = true } }

// ValidateAMPEach makes every AMP part of c validated in full, as
// amp: {validate: each} does.
func ValidateAMPEach(c *Campaign) {
	for _, e := range c.emails {
		if e.amp != nil {
			e.amp.validateEach = true
		}
	}
}

// ObserveAMP calls f for each AMP part of email that c validates, with
// whether a proof decided it (see ampPart.validate). Set it before any
// render.
func ObserveAMP(c *Campaign, email string, f func(byProof bool)) {
	if e, ok := c.email(email); ok && e.amp != nil {
		e.amp.observe = f
	}
}

// AMPProofs is how many shapes of email's AMP part c has proven.
func AMPProofs(c *Campaign, email string) int {
	if e, ok := c.email(email); ok && e.amp != nil {
		return e.amp.proofs.size()
	}
	return 0
}
