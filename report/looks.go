package report

import (
	"encoding/json"
	"fmt"
	"time"
)

// Looks is the record of who looked at which experiment's results when:
// per experiment, each look with new data (a sample size unlike the last
// look's). A p-value read at every look and acted on at the first one
// below 0.05 is wrong far more than 5% of the time; the report counts
// the looks to say so and to correct for them.
type Looks struct {
	Experiments map[string][]Look `json:"experiments"`
}

// Look is one look at an experiment: when, and at how many sends.
type Look struct {
	At    time.Time `json:"at"`
	Sends int64     `json:"sends"`
}

// ParseLooks reads a looks file's JSON; empty data is no looks.
func ParseLooks(data []byte) (*Looks, error) {
	l := &Looks{}
	if len(data) > 0 {
		if err := json.Unmarshal(data, l); err != nil {
			return nil, fmt.Errorf("looks: %w", err)
		}
	}
	if l.Experiments == nil {
		l.Experiments = map[string][]Look{}
	}
	return l, nil
}

// Marshal returns the looks as JSON.
func (l *Looks) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("looks: %w", err)
	}
	return append(b, '\n'), nil
}

// Look records a look at the experiment at now with sends sends, unless
// the last look saw as many (the same data looked at again is no new
// look), and returns the number of looks. It fits Options.Looks.
func (l *Looks) Look(experiment string, sends int64, now time.Time) int {
	ls := l.Experiments[experiment]
	if len(ls) == 0 || ls[len(ls)-1].Sends != sends {
		ls = append(ls, Look{At: now.UTC(), Sends: sends})
		l.Experiments[experiment] = ls
	}
	return len(ls)
}
