package recipients

import (
	"reflect"
	"testing"

	"github.com/tailor-email/tailor/schema"
)

// checkMember holds DecodeMemberTyped to the render API's other path on
// one request body: DecodeObject, then schema.Apply on its profile. When
// it takes the body, that path decodes it too, Apply has no error, and
// the documents are the same.
func checkMember(t *testing.T, s *schema.Schema, doc string) bool {
	t.Helper()
	got, ok := DecodeMemberTyped([]byte(doc), "profile", s.Root())
	if !ok {
		return false
	}
	want, wok := DecodeObject([]byte(doc))
	if !wok {
		t.Fatalf("%s: typed in one pass, but DecodeObject does not take it", doc)
	}
	if p, isObject := want["profile"].(map[string]any); isObject {
		if errs := s.Apply(p); len(errs) > 0 {
			t.Fatalf("%s: typed in one pass, but Apply says %v", doc, errs)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n one pass %#v\n    Apply %#v", doc, got, want)
	}
	return true
}

// TestDecodeMemberTyped: a request body whose profile fits the schema is
// taken, with the profile typed and the other members as DecodeObject has
// them; one whose profile does not fit, or that DecodeObject does not
// take, is not.
func TestDecodeMemberTyped(t *testing.T) {
	s, err := schema.Parse("schema.yaml", []byte(decodeSchema))
	if err != nil {
		t.Fatal(err)
	}
	for doc, takes := range map[string]bool{
		`{"template": "t", "profile": {"id": "a", "n": "12", "at": "2026-10-20T14:12:00Z"}}`:                    true,
		`{"profile": {"id": "a", "address": {"city": "Lyon"}, "orders": [{"total": "3"}]}, "now": "x", "f": 1}`: true,
		`{"template": "t", "profile": {"id": "a"}, "profile": {"id": "b", "ok": "yes"}}`:                        true,
		`{"template": "t", "profile": null}`:                                                                    true,
		`{"template": "t"}`:                                                                                     true,
		`{}`:                                                                                                    true,
		`{"template": "t", "profile": {"id": "a", "n": "abc"}}`:                                                 false, // Apply names it
		`{"template": "t", "profile": {"n": 1}}`:                                                                false, // id may not be missing
		`{"template": "t", "profile": {"id": "a"}} x`:                                                           false,
		`{"template": "t", "profile": {"id": "a"}`:                                                              false,
		`["profile"]`: false,
	} {
		if got := checkMember(t, s, doc); got != takes {
			t.Errorf("%s: taken %v, want %v", doc, got, takes)
		}
	}
	got, _ := DecodeMemberTyped([]byte(`{"profile": {"id": "a", "n": "12"}}`), "profile", s.Root())
	if n := got["profile"].(map[string]any)["n"]; n != int64(12) && n != 12 {
		t.Errorf("n is %#v (%T), not typed", n, n)
	}
}

// FuzzDecodeMemberTyped holds DecodeMemberTyped to DecodeObject and Apply
// for any profile in a request body.
func FuzzDecodeMemberTyped(f *testing.F) {
	s, err := schema.Parse("schema.yaml", []byte(decodeSchema))
	if err != nil {
		f.Fatal(err)
	}
	for _, doc := range []string{`{"id": "a", "n": 1, "tier": "", "address": {"city": "x"}}`,
		`{"id": "7", "orders": [{"total": "1.50", "at": 1700000000, "items": []}], "tags": []}`,
		`{"id": "a", "day": "2026-10-20T00:00:00Z", "at": "2026-10-20 14:12", "ok": 0}`} {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, profile string) {
		checkMember(t, s, `{"template": "t", "profile": `+profile+`, "now": ""}`)
	})
}
