package recipients

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/tailor-email/tailor/batch/synth"
	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/schema"
)

// decodeSchema has every shape decodeTyped types itself or leaves to
// Apply: defaults (top level and in a list's objects), fields that may
// not be missing, an object, lists of objects, of scalars and of lists.
const decodeSchema = `fields:
  - {name: id, type: string}
  - {name: n, type: int, optional: true}
  - {name: tier, type: string, default: bronze}
  - {name: at, type: time, optional: true}
  - {name: day, type: date, optional: true}
  - {name: ok, type: bool, optional: true}
  - {name: tags, type: list<string>, optional: true}
  - {name: grid, type: list<list<int>>, optional: true}
  - {name: address, type: object, optional: true}
  - {name: address.city, type: string}
  - {name: address.zip, type: string, default: "00000"}
  - {name: orders, type: list<object>, optional: true}
  - {name: orders.total, type: decimal}
  - {name: orders.at, type: time, optional: true}
  - {name: orders.items, type: list<object>, optional: true}
  - {name: orders.items.sku, type: string}
`

// applied is what decodeTyped must give: the profile decoded as it is,
// then typed by Apply, and Apply's errors.
func applied(s *schema.Schema, b []byte) (map[string]any, []*schema.Error, error) {
	p, err := decodeProfile(b, "id")
	if err != nil {
		return nil, nil, err
	}
	return p, s.Apply(p), nil
}

// checkTyped holds decodeTyped to decode-then-Apply on one document: when
// it takes it, Apply had no error and the profiles are the same.
func checkTyped(t *testing.T, s *schema.Schema, doc string) bool {
	t.Helper()
	got, ok := decodeTyped([]byte(doc), "id", s.Root())
	want, errs, err := applied(s, []byte(doc))
	if !ok {
		return false
	}
	if err != nil || len(errs) > 0 {
		t.Fatalf("%s: typed in one pass, but decoding and Apply say %v %v", doc, err, errs)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n one pass %#v\n    Apply %#v", doc, got, want)
	}
	return true
}

// TestDecodeTyped: what decodeTyped takes, it types as Apply does; what
// Apply has an error for, or JSON text in a string, it leaves to Apply.
func TestDecodeTyped(t *testing.T) {
	s, err := schema.Parse("schema.yaml", []byte(decodeSchema))
	if err != nil {
		t.Fatal(err)
	}
	for doc, takes := range map[string]bool{
		`{"id": "a"}`: true,
		`{"id": 12345678901234567890, "n": "12", "at": "2026-10-20T14:12:00Z", "day": "2026-10-20", "ok": "yes"}`:       true,
		`{"id": "a", "tier": null, "n": null, "tags": ["x", 1, true], "extra": {"k": [1, null]}}`:                       true,
		`{"id": "a", "address": {"city": "Lyon"}, "orders": [{"total": 9.5, "items": [{"sku": "s"}]}, {"total": "3"}]}`: true,
		`{"id": "a", "n": 1, "n": null}`:                 true,
		`{"id": "a", "n": null, "n": 2}`:                 true,
		`{"id": "a", "tier": " ", "at": ""}`:             true,
		`{"id": "a", "orders": []}`:                      true,
		`{"id": "a", "grid": [[1], [2, "3"]]}`:           false, // a list of lists: Apply
		`{"id": "a", "orders": "[]"}`:                    false, // JSON text: Apply
		`{"id": "a", "address": "{}"}`:                   false,
		`{"n": 1}`:                                       false, // id may not be missing
		`{"id": " "}`:                                    false,
		`{"id": "a", "n": "abc"}`:                        false,
		`{"id": "a", "tags": ["x", null]}`:               false,
		`{"id": "a", "address": {"zip": "1"}}`:           false, // address.city may not be missing
		`{"id": "a", "orders": [{"total": 1}, 2]}`:       false,
		`{"id": "a", "orders": [{}]}`:                    false,
		`{"id": "a"} x`:                                  false,
		`{"id": "\u00e9t\u00e9", "tags": ["caf\u00e9"]}`: true,
	} {
		if got := checkTyped(t, s, doc); got != takes {
			t.Errorf("%s: taken %v, want %v", doc, got, takes)
		}
	}
}

// TestDecodeTypedSynth: every synthetic recipient of the example is typed
// in one pass by the example's schema, as Apply types it.
func TestDecodeTypedSynth(t *testing.T) {
	b, err := shop.FS().(interface{ ReadFile(string) ([]byte, error) }).ReadFile("schema.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := schema.Parse("schema.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 500 {
		line, _ := json.Marshal(synth.Profile(i, synth.Now))
		if !checkTyped(t, s, string(line)) {
			t.Fatalf("recipient %d was left to Apply: %s", i, line)
		}
	}
}

// FuzzDecodeTyped holds decodeTyped to decoding then Apply on any input.
func FuzzDecodeTyped(f *testing.F) {
	s, err := schema.Parse("schema.yaml", []byte(decodeSchema))
	if err != nil {
		f.Fatal(err)
	}
	for _, doc := range []string{`{"id": "a", "n": 1, "tier": "", "address": {"city": "x"}}`,
		`{"id": 7, "orders": [{"total": "1.50", "at": 1700000000, "items": []}], "tags": []}`,
		`{"id": "a", "day": "2026-10-20T00:00:00Z", "at": "2026-10-20 14:12", "ok": 0}`} {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) { checkTyped(t, s, doc) })
}
