package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"strconv"
	"strings"
	"time"
)

// Sends keeps the send log and the outcomes that join to it by message
// ID. Store embeds it.
type Sends interface {
	// RecordSends logs sends in one transaction. A message ID already
	// logged keeps its first entry, so a resumed run logs nothing twice.
	RecordSends(ctx context.Context, sends []Send) error
	// RecordOutcomes stores outcomes in one transaction. The same outcome
	// given twice (message ID, kind, time, machine, URL and source), as
	// webhooks redeliver, is kept once. An outcome whose message ID is not
	// in the log is kept too; it joins no send.
	RecordOutcomes(ctx context.Context, outcomes []Outcome) error
	// SendsByID returns the logged sends among ids, by message ID.
	SendsByID(ctx context.Context, ids ...string) (map[string]Send, error)
	// LastSendTo is the latest send to recipient at or before t.
	LastSendTo(ctx context.Context, recipient string, t time.Time) (Send, bool, error)
	// SendsBetween streams the sends logged at from or later and before
	// to (a zero time is no bound), oldest first, each with its outcomes
	// oldest first, a page at a time.
	SendsBetween(ctx context.Context, from, to time.Time) iter.Seq2[SendWithOutcomes, error]
}

// SendWithOutcomes is a send and what happened to it.
type SendWithOutcomes struct {
	Send
	Outcomes []Outcome `json:"outcomes,omitempty"`
}

// sendsMigration is schema version 4: the send log and outcomes.
func sendsMigration() migration {
	return migration{4, []string{
		`CREATE TABLE sends (
			message_id TEXT PRIMARY KEY,
			recipient TEXT NOT NULL,
			email TEXT NOT NULL,
			template TEXT NOT NULL,
			campaign TEXT NOT NULL,
			at BIGINT NOT NULL,
			data {{json}} NOT NULL)`,
		`CREATE INDEX sends_at ON sends (at, message_id)`,
		`CREATE INDEX sends_recipient ON sends (recipient, at)`,
		`CREATE TABLE outcomes (
			dedup_key TEXT PRIMARY KEY,
			message_id TEXT NOT NULL,
			recipient TEXT NOT NULL,
			kind TEXT NOT NULL,
			at BIGINT NOT NULL,
			machine BOOLEAN NOT NULL,
			url TEXT NOT NULL,
			source TEXT NOT NULL,
			value DOUBLE PRECISION NOT NULL)`,
		`CREATE INDEX outcomes_message ON outcomes (message_id, at)`,
		`CREATE INDEX outcomes_recipient ON outcomes (recipient)`,
	}}
}

// sendData is what the data column of a send holds.
type sendData struct {
	Segments   []string           `json:"segments,omitempty"`
	Tiers      map[string]string  `json:"tiers,omitempty"`
	Modules    map[string]string  `json:"modules,omitempty"`
	Variants   map[string]string  `json:"variants,omitempty"`
	Propensity map[string]float64 `json:"propensity,omitempty"`
}

// sendRows is how many sends or outcomes one INSERT carries.
const sendRows = 100

// RecordSends logs the sends, sendRows to a statement.
func (s *sqlStore) RecordSends(ctx context.Context, sends []Send) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for len(sends) > 0 {
			n := min(len(sends), sendRows)
			args := make([]any, 0, 7*n)
			for _, sd := range sends[:n] {
				if sd.MessageID == "" {
					return fmt.Errorf("a send to %q without a message ID", sd.Recipient)
				}
				data, err := json.Marshal(sendData{sd.Segments, sd.Tiers, sd.Modules, sd.Variants, sd.Propensity})
				if err != nil {
					return err
				}
				args = append(args, sd.MessageID, sd.Recipient, sd.Email, sd.Template, sd.Campaign, sd.At.UnixMicro(), string(data))
			}
			rows := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?), ", n), ", ")
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO sends (message_id, recipient, email, template, campaign, at, data) VALUES `+rows+`
				ON CONFLICT (message_id) DO NOTHING`), args...); err != nil {
				return err
			}
			sends = sends[n:]
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: record sends: %w", err)
	}
	return nil
}

// OutcomeKey identifies an outcome for deduplication: the same event
// delivered twice has the same key.
func OutcomeKey(o Outcome) string {
	h := sha256.New()
	for _, f := range []string{o.MessageID, string(o.Kind), strconv.FormatInt(o.At.UnixMicro(), 10), strconv.FormatBool(o.Machine), o.URL, o.Source} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// RecordOutcomes stores the outcomes, sendRows to a statement.
func (s *sqlStore) RecordOutcomes(ctx context.Context, outcomes []Outcome) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for len(outcomes) > 0 {
			n := min(len(outcomes), sendRows)
			args := make([]any, 0, 9*n)
			for _, o := range outcomes[:n] {
				if o.MessageID == "" || o.Kind == "" {
					return fmt.Errorf("an outcome without a message ID or kind: %+v", o)
				}
				if math.IsNaN(o.Value) || math.IsInf(o.Value, 0) {
					return fmt.Errorf("outcome of %s: value %v", o.MessageID, o.Value)
				}
				args = append(args, OutcomeKey(o), o.MessageID, o.Recipient, string(o.Kind), o.At.UnixMicro(), o.Machine, o.URL, o.Source, o.Value)
			}
			rows := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ")
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO outcomes (dedup_key, message_id, recipient, kind, at, machine, url, source, value) VALUES `+rows+`
				ON CONFLICT (dedup_key) DO NOTHING`), args...); err != nil {
				return err
			}
			outcomes = outcomes[n:]
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: record outcomes: %w", err)
	}
	return nil
}

// sendColumns are the columns scanSend reads, in order.
const sendColumns = `message_id, recipient, email, template, campaign, at, data`

// scanSend reads a row of sendColumns.
func scanSend(rows *sql.Rows) (Send, error) {
	var sd Send
	var at int64
	var data string
	if err := rows.Scan(&sd.MessageID, &sd.Recipient, &sd.Email, &sd.Template, &sd.Campaign, &at, &data); err != nil {
		return sd, err
	}
	sd.At = time.UnixMicro(at).UTC()
	var d sendData
	if err := json.Unmarshal([]byte(data), &d); err != nil {
		return sd, fmt.Errorf("send %s: %w", sd.MessageID, err)
	}
	sd.Segments, sd.Tiers, sd.Modules, sd.Variants, sd.Propensity = d.Segments, d.Tiers, d.Modules, d.Variants, d.Propensity
	return sd, nil
}

// querySends runs query and reads its sends.
func (s *sqlStore) querySends(ctx context.Context, query string, args ...any) ([]Send, error) {
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Send
	for rows.Next() {
		sd, err := scanSend(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sd)
	}
	return out, rows.Err()
}

// SendsByID returns the logged sends among ids.
func (s *sqlStore) SendsByID(ctx context.Context, ids ...string) (map[string]Send, error) {
	out := make(map[string]Send, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		got, err := s.querySends(ctx, `SELECT `+sendColumns+` FROM sends WHERE message_id IN (`+marks(n)+`)`, anys(ids[:n])...)
		if err != nil {
			return nil, fmt.Errorf("store: sends by ID: %w", err)
		}
		for _, sd := range got {
			out[sd.MessageID] = sd
		}
		ids = ids[n:]
	}
	return out, nil
}

// LastSendTo is the latest send to recipient at or before t.
func (s *sqlStore) LastSendTo(ctx context.Context, recipient string, t time.Time) (Send, bool, error) {
	got, err := s.querySends(ctx, `SELECT `+sendColumns+` FROM sends WHERE recipient = ? AND at <= ? ORDER BY at DESC, message_id DESC LIMIT 1`, recipient, t.UnixMicro())
	if err != nil {
		return Send{}, false, fmt.Errorf("store: last send: %w", err)
	}
	if len(got) == 0 {
		return Send{}, false, nil
	}
	return got[0], true, nil
}

func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, v := range ss {
		out[i] = v
	}
	return out
}
