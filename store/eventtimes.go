package store

import (
	"context"
	"fmt"
	"time"
)

// EventTimes lists the times of a recipient's stored events whose name
// keep accepts, oldest first: the opens and clicks a send time counts.
func EventTimes(ctx context.Context, s Store, id string, keep func(name string) bool) ([]time.Time, error) {
	events, err := s.Events(ctx, id)
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
