package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"io"
	"os"
)

// linePlaces are the recipients of the complete lines of a messages.jsonl a
// batch resumes, one key (its ID and email, hashed) a line. A resumed
// JSONL batch trusts the lines by their place in the input, so it checks
// that each place it skips still holds the recipient and email the line
// is for: when the input changed in between (a profile added to or
// removed from the store, a record edited), it stops instead of skipping
// someone unrendered.
type linePlaces struct {
	seed maphash.Seed
	// keys are 0 for a line whose recipient cannot be told, not checked:
	// an unreadable record's (no ID), which a later run may read.
	keys []uint64
}

func newLinePlaces() *linePlaces { return &linePlaces{seed: maphash.MakeSeed()} }

// key hashes a recipient ID and email; never 0.
func (p *linePlaces) key(id, email string) uint64 {
	var h maphash.Hash
	h.SetSeed(p.seed)
	h.WriteString(id)
	h.WriteByte(0)
	h.WriteString(email)
	return h.Sum64() | 1
}

// add notes a complete line's recipient.
func (p *linePlaces) add(line []byte) {
	id, email, ok := lineRecipient(line)
	if !ok || id == "" { // an unreadable record's: a later run may read it
		p.keys = append(p.keys, 0)
		return
	}
	p.keys = append(p.keys, p.key(id, email))
}

// check fails a job whose place holds another recipient's line.
func (p *linePlaces) check(j Result) error {
	if j.Seq >= len(p.keys) || p.keys[j.Seq] == 0 || p.keys[j.Seq] == p.key(j.ID, j.Email) {
		return nil
	}
	return fmt.Errorf("resuming messages.jsonl: line %d was written for another recipient than %s (recipient %s, email %s): "+
		"the input changed since the run being resumed (records added, removed or reordered before it, or profiles that "+
		"joined or left the store or --segment); render again without --resume, or into a new folder", j.Seq+1, j.Record.Where(), j.ID, j.Email)
}

// lineRecipient reads the id and template a JSONL line starts with, as
// message.AppendJSONL writes them, without decoding the rest.
func lineRecipient(line []byte) (id, email string, ok bool) {
	rest, ok := bytes.CutPrefix(line, []byte(`{"id":`))
	if !ok {
		return "", "", false
	}
	if id, rest, ok = jsonString(rest); !ok {
		return "", "", false
	}
	if rest, ok = bytes.CutPrefix(rest, []byte(`,"template":`)); !ok {
		return "", "", false
	}
	email, _, ok = jsonString(rest)
	return id, email, ok
}

// jsonString decodes the JSON string b starts with and returns the rest.
func jsonString(b []byte) (string, []byte, bool) {
	if len(b) == 0 || b[0] != '"' {
		return "", nil, false
	}
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			var s string
			if json.Unmarshal(b[:i+1], &s) != nil {
				return "", nil, false
			}
			return s, b[i+1:], true
		}
	}
	return "", nil, false
}

// completeLinesOf counts the newline-terminated lines of f and the bytes
// they span, and notes each line's recipient from its first headBytes.
func (p *linePlaces) completeLinesOf(f *os.File) (n int, size int64, err error) {
	br := bufio.NewReaderSize(f, 1<<20)
	var head []byte
	var long int64 // the bytes of the line being read, so far
	for {
		chunk, err := br.ReadSlice('\n')
		if long == 0 {
			head = append(head[:0], chunk[:min(len(chunk), headBytes)]...)
		}
		long += int64(len(chunk))
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			p.add(head)
			n, size, long = n+1, size+long, 0
		case io.EOF: // a partial last line is not counted
			return n, size, nil
		default:
			return 0, 0, err
		}
	}
}

// headBytes bounds the start of a line read for its recipient: an ID
// longer than that leaves its line unchecked.
const headBytes = 4096
