package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
)

//go:embed page.html.tmpl
var pageTemplate string

// page is what the HTML template shows.
type page struct {
	Title    string
	Header   string
	Rates    []barChart // per segment, then per variant of each experiment
	Series   []lineChart
	Sections []section
	Metrics  []Metric
	Exps     []ExperimentResult
	Flags    string // the flags' text
}

// WriteHTML writes the report as one self-contained HTML page: inline
// SVG charts of the rates with their intervals per segment and per
// variant, the sends and outcomes over time, then the tables, the
// experiments and the flags. It loads nothing from anywhere.
func WriteHTML(w io.Writer, rep *Report, title string) error {
	t, err := template.New("report").Funcs(template.FuncMap{
		"interval": interval, "pct": pct, "pct2": pct2, "signed": signed, "label": Key.Label,
		"rate":   func(r Row, m Metric) Rate { return r.Rate(m) },
		"points": func(f float64) string { return fmt.Sprintf("%+.2f", f*100) },
	}).Parse(pageTemplate)
	if err != nil {
		return fmt.Errorf("report: the page template: %w", err)
	}
	if err := t.Execute(w, rep.page(title)); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

func (rep *Report) page(title string) *page {
	var head, flags strings.Builder
	rep.header(&head)
	rep.flagsText(&flags)
	p := &page{Title: title, Header: head.String(), Sections: rep.sections(), Metrics: Metrics(),
		Exps: rep.Experiments, Flags: flags.String()}
	m := rep.Options.Metric
	flagged := map[string]bool{}
	for _, f := range rep.Flags {
		flagged[f.Segment] = true
	}
	p.Rates = append(p.Rates,
		rateChart("segments-"+string(m), fmt.Sprintf("%s rate by segment", m), rep.Segments, m, rep.Overall, flagged),
		rateChart("segments-open", "open rate by segment (human opens)", rep.Segments, Open, rep.Overall, flagged))
	for _, e := range rep.Experiments {
		p.Rates = append(p.Rates, rateChart("experiment-"+e.Name, fmt.Sprintf("%s: %s rate by variant", e.Name, m), e.Arms, m, rep.Overall, nil))
	}
	unit := "hour"
	switch days := int(rep.Bucket.Hours() / 24); {
	case days == 1:
		unit = "day"
	case days > 1:
		unit = fmt.Sprintf("%d days", days)
	}
	p.Series = append(p.Series,
		seriesChart("series-sends", "sends and deliveries per "+unit, rep.Series,
			[]Event{Sent, Delivered, Bounced}, []string{"sends", "deliveries", "bounces"}, []string{"#335", "#2a7", "#c33"}),
		seriesChart("series-outcomes", "opens, clicks and conversions per "+unit, rep.Series,
			[]Event{Opened, MachineOpened, Clicked, Converted}, []string{"human opens", "machine opens", "clicks", "conversions"},
			[]string{"#27c", "#aaa", "#e80", "#a3c"}))
	return p
}
