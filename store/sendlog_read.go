package store

import (
	"context"
	"fmt"
	"iter"
	"math"
	"time"
)

// sendsPage is how many sends one query of SendsBetween reads.
const sendsPage = 500

// SendsBetween streams the sends of [from, to) with their outcomes, a
// page per query (keyset pagination on time and message ID).
func (s *sqlStore) SendsBetween(ctx context.Context, from, to time.Time) iter.Seq2[SendWithOutcomes, error] {
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if !from.IsZero() {
		lo = from.UnixMicro()
	}
	if !to.IsZero() {
		hi = to.UnixMicro()
	}
	return func(yield func(SendWithOutcomes, error) bool) {
		afterAt, afterID := lo, ""
		first := true
		for {
			page, err := s.sendsPage(ctx, first, afterAt, afterID, hi)
			if err != nil {
				yield(SendWithOutcomes{}, fmt.Errorf("store: sends between: %w", err))
				return
			}
			for _, sw := range page {
				if !yield(sw, nil) {
					return
				}
			}
			if len(page) < sendsPage {
				return
			}
			last := page[len(page)-1]
			afterAt, afterID, first = last.At.UnixMicro(), last.MessageID, false
		}
	}
}

// sendsPage reads the page of sends after (afterAt, afterID), or from
// afterAt on for the first, before hi, with their outcomes.
func (s *sqlStore) sendsPage(ctx context.Context, first bool, afterAt int64, afterID string, hi int64) ([]SendWithOutcomes, error) {
	cond, args := `at >= ?`, []any{afterAt}
	if !first {
		cond, args = `(at > ? OR at = ? AND message_id > ?)`, []any{afterAt, afterAt, afterID}
	}
	sends, err := s.querySends(ctx, `SELECT `+sendColumns+` FROM sends WHERE `+cond+` AND at < ? ORDER BY at, message_id LIMIT ?`, append(args, hi, sendsPage)...)
	if err != nil {
		return nil, err
	}
	return s.withOutcomes(ctx, sends)
}
