package render

// SetSkipAMPValidation lets external tests and benchmarks turn the AMP
// part's validation off and on.
func SetSkipAMPValidation(skip bool) { skipAMPValidation = skip }
