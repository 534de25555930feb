package events

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/tailor-email/tailor/internal/goldentest" // defines -update: go test ./... -update runs here too
	"github.com/tailor-email/tailor/render/executor"
	"github.com/tailor-email/tailor/workspace"
)

const purchaseYAML = `name: shop
events:
  purchase:
    email: newsletter
    merge:
      last_purchase_at: "{{ .Now }}"
      source: "web"
      note: "order {{ .Event.order_id }} for {{ .Profile.first_name }}"
      tier: 2
    append:
      orders: {at: "{{ .Now }}", total: "{{ .Event.total }}", items: "{{ .Event.items }}"}
    clear: [cart, cart_updated_at]
`

var now = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestApply(t *testing.T) {
	evs, err := fromYAML(purchaseYAML)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, profile, payload, want, err string
	}{
		{
			name:    "purchase",
			profile: `{"first_name":"Ben","cart":[{"name":"hat"}],"cart_updated_at":"x","orders":[{"total":60}]}`,
			payload: `{"order_id":"A1","total":99.5,"items":[1,2]}`,
			want: `{"first_name":"Ben","last_purchase_at":"2026-11-02T09:00:00Z","source":"web","note":"order A1 for Ben","tier":2,
				"orders":[{"total":60},{"at":"2026-11-02T09:00:00Z","total":99.5,"items":[1,2]}]}`,
		},
		{
			name:    "new list",
			profile: `{"first_name":"Ann"}`,
			payload: `{"order_id":"A2","total":5,"items":[]}`,
			want: `{"first_name":"Ann","last_purchase_at":"2026-11-02T09:00:00Z","source":"web","note":"order A2 for Ann","tier":2,
				"orders":[{"at":"2026-11-02T09:00:00Z","total":5,"items":[]}]}`,
		},
		{name: "missing field", profile: `{"first_name":"x"}`, payload: `{"order_id":"A3","items":[]}`, err: "append.orders: total: event field total: missing"},
		{name: "template missing key", profile: `{"first_name":"x"}`, payload: `{"total":1,"items":[]}`, err: "merge.note: template: tailor.yaml: events.purchase.merge.note:1:"},
		{name: "not a list", profile: `{"first_name":"x","orders":"many"}`, payload: `{"order_id":"1","total":1,"items":[]}`, err: "append.orders: the profile's orders is a string, not a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			profile := decode(t, tt.profile)
			before := decode(t, tt.profile)
			got, err := evs["purchase"].Apply(profile, decode(t, tt.payload), now)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := decode(t, tt.want); !reflect.DeepEqual(got, want) {
				g, _ := json.Marshal(got)
				t.Fatalf("got  %s\nwant %s", g, tt.want)
			}
			if !reflect.DeepEqual(profile, before) {
				t.Fatal("Apply modified its input profile")
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, yaml, err string }{
		{"no section", "name: x\n", ""},
		{"unknown key", "events:\n  buy:\n    email: a\n    mergee: {}\n", "tailor.yaml:4:"},
		{"no email", "events:\n  buy:\n    clear: [a]\n", "events.buy: email: missing"},
		{"bad template", "events:\n  buy:\n    email: a\n    merge: {x: \"{{ .Event.a\"}\n", "events.buy.merge.x:"},
		{"now fields", "events:\n  buy:\n    email: a\n    merge: {x: \"{{ .Now.Year }}\"}\n", ".Now has no fields"},
		{"bad yaml", "events: [\n", "tailor.yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := fromYAML(tt.yaml)
			if tt.err == "" {
				if err != nil || len(evs) != 0 {
					t.Fatalf("got %v, %v; want no events", evs, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("err = %v, want %q", err, tt.err)
			}
		})
	}
}

// fromYAML compiles the events of a tailor.yaml, as the workspace reads it.
func fromYAML(src string) (map[string]*Event, error) {
	cfg, err := workspace.ParseConfig([]byte(src))
	if err != nil {
		return nil, err
	}
	return FromConfig(cfg)
}

// TestFromConfigNames: every event of the section, and none without one.
func TestFromConfigNames(t *testing.T) {
	tests := []struct {
		name, yaml string
		wantEvents []string
	}{
		{"two events", "events:\n  b: {email: y}\n  a: {email: x}\n", []string{"a", "b"}},
		{"no events", "name: x\n", nil},
		{"an empty section", "events:\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, err := fromYAML(tt.yaml)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for name := range evs {
				got = append(got, name)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.wantEvents) {
				t.Fatalf("events %v, want %v", got, tt.wantEvents)
			}
		})
	}
}

// TestTemplateBounded checks that an event value's template runs within
// its bounds: a loop that never ends is the event's error, at its place.
func TestTemplateBounded(t *testing.T) {
	ev, err := Compile("spin", Config{Email: "newsletter", Merge: map[string]any{
		"x": "{{ range 100000 }}{{ range 100000 }}{{ end }}{{ end }}done",
	}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ev.Apply(map[string]any{}, map[string]any{}, now)
	if !errors.Is(err, executor.ErrSteps) || !strings.Contains(err.Error(), "events.spin.merge.x:1:27: step budget spent (10000 steps)") {
		t.Fatalf("err = %v, want the step budget at the inner range", err)
	}
}
