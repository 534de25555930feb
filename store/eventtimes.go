package store

import (
	"context"
	"fmt"
	"time"
)

// EventTimesLimit bounds the stored events EventTimes reads for one
// recipient: their newest, of any name.
const EventTimesLimit = 1000

// EventTimes lists the times of a recipient's stored events whose name
// keep accepts, among their newest EventTimesLimit events, newest first:
// the opens and clicks a send time counts. A recipient with a long
// history costs no more than that many rows a render.
func EventTimes(ctx context.Context, s Store, id string, keep func(name string) bool) ([]time.Time, error) {
	events, err := s.RecentEvents(ctx, id, EventTimesLimit)
	if err != nil {
		return nil, fmt.Errorf("events of %s: %w", id, err)
	}
	var out []time.Time
	for _, e := range events {
		if keep(e.Name) {
			out = append(out, e.At)
		}
	}
	return out, nil
}
