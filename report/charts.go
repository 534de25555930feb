package report

import (
	"fmt"
	"math"
	"strings"
)

// barChart is rates with their intervals, one bar a group, as SVG.
type barChart struct {
	ID, Title     string
	Width, Height int
	Bars          []bar
	AvgX          float64 // where the campaign's rate is
	Avg           string
	Ticks         []tick
}

// bar is one group's rate: the bar to X, the whisker from Lo to Hi (in
// pixels), and the values they stand for.
type bar struct {
	Label          string
	Y              int
	X, Lo, Hi      float64
	Rate, RLo, RHi float64
	Text           string
	Flagged        bool
}

type tick struct {
	X     float64
	Label string
}

// chart geometry: a label column, then the plot.
const (
	labelW = 200
	plotW  = 480
	barH   = 22
)

// rateChart draws the metric of rows against the campaign's rate.
func rateChart(id, title string, rows []Row, m Metric, overall Row, flagged map[string]bool) barChart {
	top := overall.Rate(m).Hi
	for _, r := range rows {
		if hi := r.Rate(m).Hi; hi > top {
			top = hi
		}
	}
	if !(top > 0) {
		top = 1
	}
	top = niceCeil(top)
	x := func(v float64) float64 { return labelW + plotW*v/top }
	c := barChart{ID: id, Title: title, Width: labelW + plotW + 90, Height: len(rows)*barH + 40}
	for i, r := range rows {
		rt := r.Rate(m)
		if math.IsNaN(rt.P) {
			continue
		}
		c.Bars = append(c.Bars, bar{Label: r.Label(), Y: 10 + i*barH, X: x(rt.P) - labelW, Lo: x(rt.Lo), Hi: x(rt.Hi),
			Rate: rt.P, RLo: rt.Lo, RHi: rt.Hi, Text: pct2(rt.P), Flagged: r.Dim == Segment && flagged[r.Name]})
	}
	if avg := overall.Rate(m); !math.IsNaN(avg.P) {
		c.AvgX, c.Avg = x(avg.P), pct2(avg.P)
	}
	for i := 0; i <= 4; i++ {
		v := top * float64(i) / 4
		c.Ticks = append(c.Ticks, tick{x(v), fmt.Sprintf("%.3g%%", v*100)})
	}
	return c
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, f := range []float64{1, 2, 5, 10} {
		if f*p >= v {
			return f * p
		}
	}
	return 10 * p
}

// lineChart is counts over time, a polyline a series.
type lineChart struct {
	ID, Title     string
	Width, Height int
	Lines         []line
	XTicks, Ticks []tick // along the time axis and the count axis (Ticks' X is a y)
}

// line is one series: its name, colour, SVG points and total.
type line struct {
	Name, Color, Points string
	N                   int
	Total               int64
}

const (
	seriesW, seriesH = 640, 200
	seriesL, seriesB = 60, 30 // room for the axes' labels
)

// seriesChart draws the events of the time series.
func seriesChart(id, title string, pts []Point, events []Event, names []string, colors []string) lineChart {
	c := lineChart{ID: id, Title: title, Width: seriesW + seriesL + 20, Height: seriesH + seriesB + 10}
	top := int64(1)
	for _, p := range pts {
		for _, e := range events {
			top = max(top, p.Counts[e])
		}
	}
	x := func(i int) float64 {
		if len(pts) < 2 {
			return seriesL
		}
		return seriesL + seriesW*float64(i)/float64(len(pts)-1)
	}
	y := func(v int64) float64 { return 5 + seriesH*(1-float64(v)/float64(top)) }
	for k, e := range events {
		var sb strings.Builder
		var total int64
		for i, p := range pts {
			fmt.Fprintf(&sb, "%.1f,%.1f ", x(i), y(p.Counts[e]))
			total += p.Counts[e]
		}
		c.Lines = append(c.Lines, line{Name: names[k], Color: colors[k], Points: strings.TrimSpace(sb.String()), N: len(pts), Total: total})
	}
	for i := 0; i <= 4; i++ {
		v := top * int64(i) / 4
		c.Ticks = append(c.Ticks, tick{y(v), fmt.Sprint(v)})
	}
	for _, i := range []int{0, len(pts) / 2, len(pts) - 1} {
		if i >= 0 && i < len(pts) {
			c.XTicks = append(c.XTicks, tick{x(i), pts[i].Start.Format("Jan 2 15:04")})
		}
	}
	return c
}
