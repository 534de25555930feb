package serve

import (
	"errors"
	"testing"
)

// TestDecodeStrictPositions: each decoding error is a 400 with its code
// and field, placed at line:col with the column in runes (the bodies put
// multi-byte text before the fault), from encoding/json's typed errors.
func TestDecodeStrictPositions(t *testing.T) {
	tests := []struct {
		name, body, code, field, msg string
	}{
		{"syntax", "{\"template\":\"x\",\n \"名\":{]}", "bad_json", "",
			"malformed JSON at 2:7: invalid character ']' looking for beginning of object key string"},
		{"syntax after text", `{"template":"é", x}`, "bad_json", "",
			"malformed JSON at 1:18: invalid character 'x' looking for beginning of object key string"},
		{"type", "{\"profile\":{\"名\":1}, \"template\":5}", "bad_type", "template",
			"template at 1:32: want string, got number"},
		{"unknown field", "{\"template\":\"ü\",\n\t\"profil\":{}}", "unknown_field", "profil",
			`unknown field "profil" at 2:2`},
		{"unknown field after one in another case", `{"Template":"ß",   "x":1}`, "unknown_field", "x",
			`unknown field "x" at 1:20`},
		{"trailing", `{"template":"∑"} {}`, "bad_json", "", "1:18: data after the JSON object"},
		{"not an object", `[1]`, "bad_json", "", "want a JSON object, got array"},
		{"truncated", `{"template":"a"`, "bad_json", "", "malformed JSON: the body ends before the object does"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req RenderRequest
			err := decodeStrict([]byte(tt.body), &req)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v, want an *Error", err)
			}
			if e.Status != 400 || e.Code != tt.code || e.Field != tt.field || e.Message != tt.msg {
				t.Errorf("got %d %s field %q: %s\nwant 400 %s field %q: %s", e.Status, e.Code, e.Field, e.Message, tt.code, tt.field, tt.msg)
			}
		})
	}
}

// TestDecodeStrictAcceptsFieldCase: a known field in another case is not
// unknown, as encoding/json matches names without case.
func TestDecodeStrictAcceptsFieldCase(t *testing.T) {
	var req RenderRequest
	if err := decodeStrict([]byte(`{"TEMPLATE":"a","Profile":{"x":1}}`), &req); err != nil || req.Template != "a" || req.Profile["x"] != 1.0 {
		t.Errorf("decodeStrict: %v, %+v", err, req)
	}
}

// TestFieldNames: an unknown field is found from the struct's json
// names, without "-" and unexported fields, with the Go name of an
// untagged field; a nested object is skipped whole.
func TestFieldNames(t *testing.T) {
	type req struct {
		A      string `json:"a,omitempty"`
		Skip   string `json:"-"`
		Plain  int
		hidden int
	}
	for body, want := range map[string]string{
		`{"a":"x","plain":1}`:          "",
		`{"a":"x","Skip":"y"}`:         "Skip",
		`{"hidden":1}`:                 "hidden",
		`{"a":"x","b":{"a":[1]}}`:      "b",
		`{"Plain":1,"c":{"nested":1}}`: "c",
	} {
		var e *Error
		err := decodeStrict([]byte(body), &req{})
		if errors.As(err, &e) && e.Code == "unknown_field" && e.Field == want || want == "" && err == nil {
			continue
		}
		t.Errorf("decodeStrict(%s) = %v, want unknown field %q", body, err, want)
	}
}
