package recipients

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// FuzzCSV holds the CSV reader, which cuts rows itself to bound them, to
// encoding/csv reading the whole input: the same rows, lines and errors.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{"id,n\na,1\n", "id,n\na,\"x\ny\"\n\nb,2", "id\n\"a\"b\nc\n", "id,n\na\"b,1\r\nc,2\n",
		"id,n\n\"a\"\"b\",1\n\"open,2\n", "id\r\n\r\nx\r\n", "a,b\n,\n\"\",\"\"\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		if strings.HasPrefix(data, "\ufeff") {
			return
		}
		var got []string
		for r := range Read("in", strings.NewReader(data), CSV) {
			got = append(got, fmt.Sprintf("%d %v %v", r.Line, r.Profile, r.Err))
		}
		if want := referenceCSV(data); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("%q:\n got %q\nwant %q", data, got, want)
		}
	})
}

// referenceCSV reads data as the CSV reader should, with encoding/csv alone.
func referenceCSV(data string) []string {
	cr := csv.NewReader(strings.NewReader(data))
	header, err := cr.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		line := 1
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line = pe.StartLine
		}
		return []string{fmt.Sprintf("%d map[] CSV header: %v", line, err)}
	}
	header = append([]string(nil), header...)
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
	}
	cr.FieldsPerRecord = len(header)
	var out []string
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return out
		}
		var line int
		var p map[string]any
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe) && pe.Err == csv.ErrFieldCount:
			line, err = pe.StartLine, fmt.Errorf("CSV: %w (%d, the header has %d)", err, len(row), len(header))
		case pe != nil:
			line, err = pe.StartLine, fmt.Errorf("CSV: %w", err)
		case err == nil:
			line, _ = cr.FieldPos(0)
			p = map[string]any{}
			for i, h := range header {
				p[h] = row[i]
			}
		}
		out = append(out, fmt.Sprintf("%d %v %v", line, p, err))
	}
}

// FuzzJSONRecords holds the JSON reader, which cuts the elements of an
// array itself to bound them, to encoding/json: an array of objects that
// encoding/json decodes gives the same profiles, and any input ends, with
// records in line order.
func FuzzJSONRecords(f *testing.F) {
	for _, s := range []string{`[{"id":"a"},{"id":"b"}]`, `{"id":1}{"id":2}`, `[{"a":"]}"},{"b":"\"}"}]`, `[1,"s",[{}],{}]`, `[{},]`, `[{}`, `x`,
		"[\n {\"a\": [1, {\"b\": \"\\\\\"}]},\n\t{}\n]", `[]`, ` [ ] `, `[null, {}]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		line := 0
		var got []map[string]any
		failed := false
		for r := range ReadWith("in", strings.NewReader(data), JSON, Options{IDField: "\x00"}) {
			if r.Line < line || r.Line > strings.Count(data, "\n")+1 {
				t.Fatalf("%q: record at line %d after %d", data, r.Line, line)
			}
			line = r.Line
			got = append(got, r.Profile)
			failed = failed || r.Err != nil
		}
		var want []map[string]any
		if strings.HasPrefix(data, "\ufeff") || json.Unmarshal([]byte(data), &want) != nil || want == nil || slices.ContainsFunc(want, func(m map[string]any) bool { return m == nil }) {
			return // not an array of objects: null is not a profile
		}
		if failed || !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("%q:\n got %#v\nwant %#v", data, got, want)
		}
	})
}
