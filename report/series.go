package report

import (
	"time"
)

// Point is one bucket of the time series: the sends made in it and the
// outcomes that happened in it (Counts[Sent] counts sends; the other
// events count outcomes, each open or click once, machine opens apart).
type Point struct {
	Start  time.Time
	Counts Counts
}

// maxPoints bounds the time series; the bucket widens to keep under it.
const maxPoints = 400

// series returns the time series from the first to the last hour seen,
// in buckets of an hour, a day or a whole number of weeks, gaps filled
// with zeros.
func (t *tally) series() ([]Point, time.Duration) {
	if t.first.IsZero() {
		return nil, 0
	}
	first, last := t.first.Unix()/3600, t.last.Unix()/3600
	span := last - first + 1
	width := int64(1)
	switch {
	case span <= 72:
	case span <= 24*maxPoints:
		width = 24
	default:
		width = 24 * 7 * (span/(24*7*maxPoints) + 1)
	}
	start := first - first%width
	n := (last-start)/width + 1
	pts := make([]Point, n)
	for i := range pts {
		pts[i].Start = time.Unix((start+int64(i)*width)*3600, 0).UTC()
	}
	fold := func(m map[int64]*Counts) {
		for h, c := range m {
			i := (h - start) / width
			if i < 0 || i >= n {
				continue
			}
			for e := range c {
				pts[i].Counts[e] += c[e]
			}
		}
	}
	fold(t.sends)
	fold(t.events)
	return pts, time.Duration(width) * time.Hour
}
