package store

import (
	"context"
	"time"
)

// Applier updates one stored profile in one transaction: the profile,
// its appended event, its segment membership, its scores and tiers, and
// the transitions between them all commit together or not at all, and an
// Apply on a profile waits for any other Apply on the same profile, so a
// concurrent event never loses an update.
type Applier interface {
	// Apply reads id's stored state, calls fn with it and writes what fn
	// decides, in one transaction that holds id against other Applies.
	// fn may run more than once (it should only compute). at is the time
	// of the changes and of the transitions they make.
	Apply(ctx context.Context, id string, at time.Time, fn ApplyFunc) (Applied, error)
	// ApplyEach runs the items in one transaction, each inside a savepoint
	// of its own: an item whose fn (or write) fails is rolled back alone,
	// with its error at its index in errs, and the others commit together
	// (one commit for the batch). err is a failure of the whole.
	ApplyEach(ctx context.Context, items []Item) (out []Applied, errs []error, err error)
	// History lists id's transitions, newest first, at most limit.
	History(ctx context.Context, id string, limit int) ([]Transition, error)
	// Scores lists id's stored scores and tiers, by score name.
	Scores(ctx context.Context, id string) ([]ScoreState, error)
}

// Item is one profile update of ApplyEach: Apply's arguments.
type Item struct {
	ID string
	At time.Time
	Fn ApplyFunc
}

// ApplyFunc decides a profile's update from its stored state.
type ApplyFunc func(cur Current) (Update, error)

// Current is a profile's stored state, read inside Apply's transaction.
type Current struct {
	Profile Profile // zero when !Found
	Found   bool
	// Segments is the stored membership, segment -> member.
	Segments map[string]bool
	// Tiers is the stored tier per score ("" for below every tier).
	Tiers map[string]string
}

// Update is what an ApplyFunc decides for a profile.
type Update struct {
	// Profile replaces the stored profile; nil leaves it as it is.
	Profile *Profile
	// Event is appended when not nil; its sequence number makes the
	// cause of the transitions ("NAME#SEQ").
	Event *Event
	// Cause names what changed the profile when there is no Event
	// ("refresh").
	Cause string
	// Segments is every segment the rules define -> in it or not now;
	// nil leaves membership as it is.
	Segments map[string]bool
	// Scores and Tiers are every score's points and tier now; nil leaves
	// them as they are.
	Scores map[string]int
	Tiers  map[string]string
}

// Applied is what an Apply wrote.
type Applied struct {
	// Seq is the appended event's sequence number, 0 for none.
	Seq int64
	// Transitions are the recorded transitions, segments (by name) first,
	// then tier changes (by score name).
	Transitions []Transition
	// Wrote says something changed in the store.
	Wrote bool
}

// ScoreState is a profile's stored points and tier of one score.
type ScoreState struct {
	Score   string
	Points  int
	Tier    string
	Changed time.Time // when the tier last changed
}

// TransitionSink receives the transitions of a profile after the
// transaction that recorded them committed: the hook of the triggers
// that schedule email on entering or leaving a segment. at is the time
// of the change. An error is reported by the caller; the transitions stay
// recorded.
type TransitionSink interface {
	Transitions(ctx context.Context, profile string, ts []Transition, at time.Time) error
}

// RefreshCause is the cause of the transitions time alone made.
const RefreshCause = "refresh"
