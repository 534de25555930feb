package render

// GaveUp counts the executions the fast evaluator handed back.
var GaveUp = &gaveUp

// DropPrograms makes c run every template on text/template.
func DropPrograms(c *Campaign) { c.progs = nil }

// KeptJSON reports whether Render kept m's HTML in JSON form.
func KeptJSON(m *Message) bool { return m.htmlJSON != nil }
