package render

// GaveUp counts the executions the fast evaluator handed back.
var GaveUp = &gaveUp

// DropPrograms makes c run every template on text/template.
func DropPrograms(c *Campaign) { c.progs = nil }
