package render

// WithoutAMPValidation compiles a campaign whose AMP parts go out
// unvalidated, for the benchmark that measures what validation costs.
func WithoutAMPValidation() Option { return func(o *loadOptions) { o.skipAMPValidation = true } }
