package render

// ReferencePath makes c run every template on html/template and
// text/template, the reference the executor is compared with.
func ReferencePath(c *Campaign) { c.reference = true }
