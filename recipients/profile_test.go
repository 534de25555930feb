package recipients

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/batch/synth"
)

// profileSeeds are documents decodeObject must decode as encoding/json
// does, or leave to it.
var profileSeeds = []string{
	`{}`, ` { "a" : 1 } `, `{"a":1,"a":2}`, `{"a":{"b":[1,2,{"c":null}],"d":true,"e":false}}`,
	`{"n":[0,-0,1.5,-2.25e3,1E+2,1e-2,123456789012345678901234567890]}`,
	`{"id":9007199254740993,"x":{"id":1}}`, `{"id":-1.50e+3}`, `{"id":1,"id":2}`,
	`{"big":1e400}`, `{"bad":01}`, `{"bad":1.}`, `{"bad":-}`, `{"bad":.5}`, `{"bad":1e}`, `{"bad":+1}`,
	`{"s":"plain"}`, `{"s":"Chloé 日本 🎉"}`, `{"s":"tab\tin"}`, `{"s":"esc \" \\ \/ \b \f \n \r \t \u00e9"}`,
	`{"s":"\ud83c\udf89"}`, `{"s":"lone \ud800 x"}`, `{"s":"\u00"}`, `{"s":"\x"}`,
	"{\"s\":\"bad \xff utf8\"}", "{\"s\":\"ctl \x01\"}", "{\"\xc3\xa9\":1}",
	`{"a":1}x`, `{"a":1}}`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `{"a":tru}`, `{"a":nul}`, `{"a":[1,]}`, `{"a":[1 2]}`,
	`{"a":"unterminated}`, `{"a":"ends in \`, `[1]`, `null`, `"s"`, `1`, ``, `{`,
	`{"deep":` + strings.Repeat(`[`, 1200) + strings.Repeat(`]`, 1200) + `}`,
}

// FuzzDecodeObject holds decodeObject to encoding/json: what it decodes
// equals what encoding/json gives, and it takes nothing encoding/json
// refuses; with an ID field, a number there is what encoding/json's
// UseNumber gives.
func FuzzDecodeObject(f *testing.F) {
	for _, s := range profileSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := decodeObject(b, "")
		if !ok {
			return
		}
		var want map[string]any
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatalf("%q: decodeObject took it, encoding/json: %v", b, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %#v\nwant %#v", b, got, want)
		}
		withID, ok := decodeObject(b, "id")
		if !ok {
			t.Fatalf("%q: taken without an ID field, refused with one", b)
		}
		if _, num := want["id"].(float64); num {
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.UseNumber()
			var exact map[string]any
			if err := dec.Decode(&exact); err != nil {
				t.Fatal(err)
			}
			want["id"] = exact["id"]
		}
		if !reflect.DeepEqual(withID, want) {
			t.Fatalf("%q with ID field id:\n got %#v\nwant %#v", b, withID, want)
		}
	})
}

// TestDecodeObjectTakesTheCommonCase keeps the fast path in use: it must
// take the synthetic profiles and ordinary JSON, not leave them all to
// encoding/json (which would pass the fuzz test and be slow).
func TestDecodeObjectTakesTheCommonCase(t *testing.T) {
	docs := []string{`{}`, `{"s":"Chloé","n":-1.5e3,"a":[true,false,null,{"x":"\n"}]}`}
	for i := range 20 {
		b, _ := json.Marshal(synth.Profile(i, synth.Now))
		docs = append(docs, string(b))
	}
	for _, d := range docs {
		if _, ok := decodeObject([]byte(d), ""); !ok {
			t.Errorf("left to encoding/json: %s", d)
		}
	}
	for _, d := range []string{`{"a":1}x`, `{"big":1e400}`, `[1]`, `{"a":01}`} {
		if _, ok := decodeObject([]byte(d), ""); ok {
			t.Errorf("took %s, which encoding/json refuses", d)
		}
	}
}

// BenchmarkDecodeProfile decodes synthetic profile lines with the fast
// path and with encoding/json alone.
func BenchmarkDecodeProfile(b *testing.B) {
	var lines [][]byte
	for i := range 64 {
		l, _ := json.Marshal(synth.Profile(i, synth.Now))
		lines = append(lines, l)
	}
	b.Run("decodeObject", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := decodeProfile(lines[i%len(lines)], "id"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			var p map[string]any
			if err := json.Unmarshal(lines[i%len(lines)], &p); err != nil {
				b.Fatal(err)
			}
		}
	})
}
