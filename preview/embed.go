package preview

import (
	"embed"
	"html/template"
	"time"
)

// webFS holds the page templates and the static assets (CSS, JS, icon):
// nothing is fetched from the network.
//
//go:embed web
var webFS embed.FS

func parsePages() (*template.Template, error) {
	return template.New("pages").Funcs(template.FuncMap{
		"clock": func(t time.Time) string { return t.Format("15:04:05") },
		"inc":   func(i int) int { return i + 1 },
	}).ParseFS(webFS, "web/*.html")
}
