package report

// Metric is a rate the report computes for every group of sends.
type Metric string

// The metrics, in the order the report shows them.
const (
	Delivery     Metric = "delivery"
	Open         Metric = "open"
	Click        Metric = "click"
	ClickToOpen  Metric = "click_to_open"
	Conversion   Metric = "conversion"
	Unsubscribes Metric = "unsubscribe"
	Complaints   Metric = "complaint"
)

// Metrics lists every metric in report order.
func Metrics() []Metric {
	return []Metric{Delivery, Open, Click, ClickToOpen, Conversion, Unsubscribes, Complaints}
}

// ParseMetric returns the metric of a name, and false for none.
func ParseMetric(name string) (Metric, bool) {
	for _, m := range Metrics() {
		if string(m) == name {
			return m, true
		}
	}
	return "", false
}

// fraction returns the numerator and denominator of the metric: every
// rate is over the sends except click-to-open, which is over the sends a
// human opened.
func (m Metric) fraction(c *Counts) (num, den int64) {
	switch m {
	case Delivery:
		return c[Delivered], c[Sent]
	case Open:
		return c[Opened], c[Sent]
	case Click:
		return c[Clicked], c[Sent]
	case ClickToOpen:
		return c[Clicked], c[Opened]
	case Conversion:
		return c[Converted], c[Sent]
	case Unsubscribes:
		return c[Unsubscribed], c[Sent]
	case Complaints:
		return c[Complained], c[Sent]
	}
	return 0, 0
}

// Rate returns the metric of the counts with its Wilson interval at the
// confidence level.
func (m Metric) Rate(c *Counts, level float64) Rate {
	num, den := m.fraction(c)
	return Wilson(num, den, level)
}
