package recipients

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

// filler is an endless stream of one byte.
type filler byte

func (f filler) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(f)
	}
	return len(p), nil
}

// withBig is a source whose second record holds n filler bytes, made as
// it is read.
func withBig(format Format, n int64) io.Reader {
	parts := map[Format][2]string{
		JSONL: {"{\"id\":\"a\"}\n{\"id\":\"big\",\"pad\":\"", "\"}\n{\"id\":\"c\"}\n"},
		CSV:   {"id,pad\na,1\nbig,", "\nc,3\n"},
		JSON:  {"[{\"id\":\"a\"},\n{\"id\":\"big\",\"pad\":\"", "\"},\n{\"id\":\"c\"}]\n"},
	}[format]
	return io.MultiReader(strings.NewReader(parts[0]), io.LimitReader(filler('x'), n), strings.NewReader(parts[1]))
}

// TestLongRecordIsRead: a 17 MiB record (a JSONL line once ended the
// batch past 16 MiB) is read whole, and so is every record after it.
func TestLongRecordIsRead(t *testing.T) {
	for _, f := range []Format{JSONL, CSV, JSON} {
		var ids []any
		for r := range Read("in", withBig(f, 17<<20), f) {
			if r.Err != nil {
				t.Fatalf("%s: %s: %v", f, r.Where(), r.Err)
			}
			ids = append(ids, r.Profile["id"])
		}
		if fmt.Sprint(ids) != "[a big c]" {
			t.Errorf("%s: read %v, want [a big c]", f, ids)
		}
	}
}

// TestRecordOverLimitFailsAlone: a record over MaxRecord is one failed
// record at its source:line, and reading goes on; it is read past, not
// held: reading a 64 MiB record allocates a few MiB at most.
func TestRecordOverLimitFailsAlone(t *testing.T) {
	const size = 64 << 20
	for _, f := range []Format{JSONL, CSV, JSON} {
		var got []string
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for r := range ReadWith("in", withBig(f, size), f, Options{MaxRecord: 1 << 20}) {
			var tl *TooLargeError
			switch {
			case errors.As(r.Err, &tl):
				got = append(got, fmt.Sprintf("%s too large %d/%d", r.Where(), tl.Size, tl.Limit))
			case r.Err != nil:
				got = append(got, r.Where()+" "+r.Err.Error())
			default:
				got = append(got, fmt.Sprintf("%s %v", r.Where(), r.Profile["id"]))
			}
		}
		runtime.ReadMemStats(&after)
		first, bigSize := 1, size+len(`{"id":"big","pad":""}`)
		if f == CSV {
			first, bigSize = 2, size+len("big,")
		}
		want := fmt.Sprintf("[in:%d a in:%d too large %d/%d in:%d c]", first, first+1, bigSize, 1<<20, first+2)
		if fmt.Sprint(got) != want {
			t.Errorf("%s: got %v\nwant %s", f, got, want)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 8<<20 {
			t.Errorf("%s: reading a %d MiB record allocated %d MiB: it was buffered", f, size>>20, grew>>20)
		}
	}
}

// TestMaxRecordIsInclusive: a line of exactly MaxRecord bytes, not
// counting its newline, is read; one byte more is too large.
func TestMaxRecordIsInclusive(t *testing.T) {
	line := `{"id":"a"}`
	in := line + "\n" + `{"id":"bb"}` + "\n" + line
	var errs []bool
	for r := range ReadWith("in", strings.NewReader(in), JSONL, Options{MaxRecord: int64(len(line))}) {
		errs = append(errs, r.Err != nil)
	}
	if fmt.Sprint(errs) != "[false true false]" {
		t.Errorf("failed: %v, want [false true false]", errs)
	}
}

// TestBOM: a leading UTF-8 byte order mark (Excel's "CSV UTF-8") is
// skipped in every format, named or sniffed, so a CSV keeps its first
// column and JSON its first record.
func TestBOM(t *testing.T) {
	const b = "\ufeff"
	for _, tt := range []struct {
		data   string
		format Format
	}{
		{b + "id,email\nx1,x1@example.com\n", CSV}, {b + "id,email\nx1,x1@example.com\n", ""},
		{b + `{"id":"x1"}` + "\n", JSONL}, {b + `{"id":"x1"}` + "\n", ""},
		{b + `[{"id":"x1"}]`, JSON}, {b + `[{"id":"x1"}]`, ""}, {b + `{"id":"x1"}`, JSON},
	} {
		var got []string
		for r := range Read("in", strings.NewReader(tt.data), tt.format) {
			got = append(got, fmt.Sprintf("%v %v", r.Profile["id"], r.Err))
		}
		if fmt.Sprint(got) != "[x1 <nil>]" {
			t.Errorf("%q as %q: %v", tt.data, tt.format, got)
		}
	}
}

// TestNumericID: a number in the ID field keeps its exact text, as a
// json.Number, in JSONL and in JSON, on the fast path and in encoding/json's
// (deep nesting takes that one); other numbers stay float64.
func TestNumericID(t *testing.T) {
	deep := strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)
	for _, tt := range []struct{ line, want string }{
		{`{"id": 1234567, "n": 1234567}`, "1234567"},
		{`{"id": 9007199254740993, "n": 1}`, "9007199254740993"},
		{`{"id": 9007199254740992, "n": 1}`, "9007199254740992"},
		{`{"id": 12.50, "n": 1}`, "12.50"},
		{`{"id": 9007199254740993, "n": 1, "deep": ` + deep + `}`, "9007199254740993"},
		{`{"id": "s-1", "n": 1}`, "s-1"},
	} {
		for _, f := range []Format{JSONL, JSON} {
			for r := range Read("in", strings.NewReader(tt.line), f) {
				if r.Err != nil {
					t.Fatalf("%s: %v", tt.line, r.Err)
				}
				id, n := r.Profile["id"], r.Profile["n"]
				if fmt.Sprint(id) != tt.want || fmt.Sprintf("%T", n) != "float64" {
					t.Errorf("%s (%s): id %#v, n %#v", tt.line[:30], f, id, n)
				}
				if _, isNum := id.(json.Number); isNum == (tt.want == "s-1") {
					t.Errorf("%s: id is %T", tt.line[:30], id)
				}
			}
		}
	}
	for r := range ReadWith("in", strings.NewReader(`{"id": 1, "key": 2}`), JSONL, Options{IDField: "key"}) {
		if _, ok := r.Profile["key"].(json.Number); !ok || fmt.Sprintf("%T", r.Profile["id"]) != "float64" {
			t.Errorf("IDField key: %#v", r.Profile)
		}
	}
}
