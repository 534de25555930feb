package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"
)

// Store keeps profiles, events, segment membership and suppressions. It is
// safe for concurrent use; every method that writes commits before it
// returns, so what it acknowledged survives the process being killed.
type Store interface {
	// Put inserts or replaces profiles, all in one transaction.
	Put(ctx context.Context, ps []Profile) error
	// Get returns the stored profiles among ids, by ID.
	Get(ctx context.Context, ids ...string) (map[string]Profile, error)
	// Profiles streams stored profiles in ID order, a page at a time.
	Profiles(ctx context.Context, f Filter) iter.Seq2[Profile, error]
	// Forget deletes a profile with its events and segment history. Only
	// suppressions, which hold no ID but its hash, are kept.
	Forget(ctx context.Context, id string) (bool, error)
	// Append stores an event and returns its sequence number.
	Append(ctx context.Context, e Event) (int64, error)
	// Events lists a profile's events, oldest first.
	Events(ctx context.Context, id string) ([]Event, error)
	// SetSegments records the segments a profile is in at at: a segment
	// entered or left changes its time, others keep theirs. It returns
	// the transitions.
	SetSegments(ctx context.Context, id string, in []string, at time.Time) ([]Transition, error)
	// Segments lists a profile's segment membership, by segment name.
	Segments(ctx context.Context, id string) ([]Membership, error)
	// Suppress adds (or refreshes) a suppression.
	Suppress(ctx context.Context, s Suppression) error
	// Unsuppress removes the suppression of who on list.
	Unsuppress(ctx context.Context, who, list string) (bool, error)
	// Suppressed says whether who is suppressed on list or on every list.
	Suppressed(ctx context.Context, who, list string) (bool, error)
	// Secret returns the named random 32-byte key, made on first use.
	Secret(ctx context.Context, name string) ([]byte, error)
	// Version is the schema version the migrations brought it to.
	Version(ctx context.Context) (int, error)
	// Close releases the database.
	Close() error
	Applier // apply.go: one-transaction updates and their transitions
	Sends   // sendlog.go: the send log and outcomes (#21)
	Jobs    // jobs.go: the scheduled emails of triggers (#20)
	Recent  // recent.go: a recipient's latest activity, bounded (the preview's timeline)
}

// Profile is one stored recipient.
type Profile struct {
	ID      string          // the recipient ID (workspace.Config.RecipientID)
	Email   string          // the recipient's address, or ""
	Data    json.RawMessage // the typed profile as a JSON object
	Updated time.Time
	// Suppressed, in a Profiles stream with Filter.List, says the
	// recipient (by ID or address) is suppressed on that list or on all.
	Suppressed bool
}

// Filter selects the profiles of a Profiles stream.
type Filter struct {
	// After starts the stream past this ID (the last one seen).
	After string
	// Segment, when set, keeps the profiles stored as members of it.
	Segment string
	// List, when set, has each profile say whether it is suppressed on
	// it (or on AllLists).
	List string
	// Page is how many rows one query fetches; zero means 500.
	Page int
}

// Event is one appended event of a profile.
type Event struct {
	Seq     int64
	Profile string
	Name    string
	At      time.Time
	Data    json.RawMessage // a JSON value; nil for none
}

// Membership is a profile's state in one segment since Changed.
type Membership struct {
	Segment string
	Member  bool
	Changed time.Time
}

// Transition is a profile entering or leaving a segment, or a score's
// tier changing (Score set, Segment empty). SetSegments fills only
// Segment and Entered; Apply and History fill every field.
type Transition struct {
	Segment string
	Entered bool // false: it left
	// Score, From and To are a tier change: the score's tier was From
	// and is To ("" for below every tier).
	Score    string
	From, To string
	// At is when it happened; Cause what made it: "NAME#SEQ" for the
	// event NAME of sequence number Event, or RefreshCause.
	At    time.Time
	Cause string
	Event int64
	// Seq numbers the recorded transitions in the order they were made.
	Seq int64
}

// Suppression keeps a recipient from being mailed on a list.
type Suppression struct {
	Who    string // a recipient ID or e-mail address; only its Hash is stored
	List   string // AllLists for every list
	Reason string // unsubscribe, bounce, complaint, manual
	At     time.Time
}

// AllLists is the list of a suppression that holds for every list.
const AllLists = "*"

// Hash is the hex SHA-256 of a normalized (trimmed, lower-cased) recipient
// ID or address: the only form in which a suppression keeps it.
func Hash(who string) string {
	sum := sha256.Sum256([]byte("tailor-suppression:" + Normalize(who)))
	return hex.EncodeToString(sum[:])
}

// Normalize trims and lower-cases an ID or address.
func Normalize(who string) string { return strings.ToLower(strings.TrimSpace(who)) }

// ErrUnknownStore is returned by Open for a location it cannot place.
var ErrUnknownStore = errors.New("unknown store")

// Open opens (and migrates) the store at loc: a postgres:// or
// postgresql:// URL, or the path of a SQLite file (sqlite: may prefix it).
func Open(ctx context.Context, loc string) (Store, error) {
	switch {
	case strings.HasPrefix(loc, "postgres://"), strings.HasPrefix(loc, "postgresql://"):
		return OpenPostgres(ctx, loc)
	case strings.Contains(loc, "://"):
		return nil, fmt.Errorf("%w: %s (want a file path or postgres://...)", ErrUnknownStore, Redact(loc))
	}
	return OpenSQLite(ctx, strings.TrimPrefix(loc, "sqlite:"))
}

// Redact hides the password of a store location (in its user
// information or a password= parameter), for messages.
func Redact(loc string) string {
	scheme, rest, ok := strings.Cut(loc, "://")
	if !ok {
		return loc
	}
	if auth, host, ok := strings.Cut(rest, "@"); ok && !strings.ContainsAny(auth, "/?") {
		if user, _, hasPass := strings.Cut(auth, ":"); hasPass {
			rest = user + ":xxxxx@" + host
		}
	}
	if i := strings.Index(rest, "password="); i >= 0 && i > 0 && strings.ContainsRune("?&", rune(rest[i-1])) {
		end := strings.IndexByte(rest[i:], '&')
		tail := ""
		if end >= 0 {
			tail = rest[i+end:]
		}
		rest = rest[:i] + "password=xxxxx" + tail
	}
	return scheme + "://" + rest
}
