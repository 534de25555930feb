package serve

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	s, _ := newServer(t, "", Options{MaxBody: 4096})
	h := s.Handler()
	ben := mustJSON(t, fixture(t, "ben"))
	badCart := `{"id":"c-9","first_name":"Z","cart":[{"name":"hat","price":"abc"}],"cart_updated_at":"2026-10-01T00:00:00Z"}`
	tests := []struct {
		name, body string
		status     int
		code       string // error code, for 4xx
		field      string // the error's field
		want       string // in the body
	}{
		{name: "ok", body: `{"template":"newsletter","profile":` + ben + `}`, status: 200, want: `"hero":"hero/cart"`},
		{name: "eml", body: `{"template":"newsletter","profile":` + ben + `,"format":"eml"}`, status: 200, want: "To: <ben@example.com>"},
		{name: "own clock", body: `{"template":"newsletter","profile":` + ben + `,"now":"2026-08-02T09:00:00Z"}`, status: 200, want: `"recent_purchaser"`},
		{name: "malformed", body: `{"template":"newsletter",` + "\n" + `"profile":{]}`, status: 400, code: "bad_json", want: "malformed JSON at 2:"},
		{name: "truncated", body: `{"template":"newsletter"`, status: 400, code: "bad_json"},
		{name: "empty", body: ``, status: 400, code: "bad_json", want: "empty body"},
		{name: "not an object", body: `[1]`, status: 400, code: "bad_json", want: "want a JSON object"},
		{name: "trailing", body: `{"template":"newsletter","profile":{}} {}`, status: 400, code: "bad_json", want: "data after the JSON object"},
		{name: "unknown field", body: `{"template":"newsletter","profil":{}}`, status: 400, code: "unknown_field", field: "profil"},
		{name: "wrong type", body: `{"template":5,"profile":{}}`, status: 400, code: "bad_type", field: "template"},
		{name: "no template", body: `{"profile":{}}`, status: 400, code: "missing_field", field: "template", want: "newsletter"},
		{name: "unknown template", body: `{"template":"receipt","profile":{}}`, status: 400, code: "unknown_template", field: "template", want: `no email \"receipt\"`},
		{name: "no profile", body: `{"template":"newsletter"}`, status: 400, code: "missing_field", field: "profile"},
		{name: "null profile", body: `{"template":"newsletter","profile":null}`, status: 400, code: "missing_field", field: "profile"},
		{name: "bad format", body: `{"template":"newsletter","profile":{},"format":"pdf"}`, status: 400, code: "bad_format", field: "format"},
		{name: "bad now", body: `{"template":"newsletter","profile":{},"now":"tomorrow"}`, status: 400, code: "bad_now", field: "now"},
		{name: "oversized", body: `{"template":"newsletter","profile":{"x":"` + strings.Repeat("a", 5000) + `"}}`, status: 413, code: "too_large"},
		{name: "template fails", body: `{"template":"newsletter","profile":` + badCart + `}`, status: 422, code: "render_failed", want: `"recipient":"c-9"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, "POST", "/v1/render", tt.body)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), tt.want) {
				t.Fatalf("body does not contain %q:\n%.600s", tt.want, rec.Body)
			}
			if tt.status < 400 {
				return
			}
			e := apiError(t, rec)
			if e.Code != tt.code || e.Field != tt.field || e.Status != tt.status {
				t.Fatalf("error %+v, want code %q field %q", e, tt.code, tt.field)
			}
		})
	}
}

// TestRenderDataErrors: the profile is typed by the workspace's schema;
// a value that does not fit is left out, and the message lists it at its
// place in the request body, as tailor render's lines do for a file. No
// rule fails for it.
func TestRenderDataErrors(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	rec := do(s.Handler(), "POST", "/v1/render", "{\"template\":\"newsletter\",\n \"profile\":{\"id\":\"c-8\",\"churn_risk\":\"high\"}}")
	var m struct {
		Segments   []string `json:"segments"`
		RuleErrors []string `json:"rule_errors"`
		DataErrors []string `json:"data_errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("status %d, %v: %.300s", rec.Code, err, rec.Body)
	}
	want := []string{"request:2:12: email: missing", `request:2:37: churn_risk: "high" is not a float`}
	if !slices.Equal(m.DataErrors, want) || len(m.RuleErrors) != 0 || slices.Contains(m.Segments, "churn_risk") {
		t.Fatalf("segments %v, rule errors %q, data errors %q; want data errors %q", m.Segments, m.RuleErrors, m.DataErrors, want)
	}
}

func TestRenderFailureNamesPosition(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	body := `{"template":"newsletter","profile":{"id":"c-9","cart":[{"name":"hat","price":"abc"}],"cart_updated_at":"2026-10-01T00:00:00Z"}}`
	rec := do(s.Handler(), "POST", "/v1/render", body)
	e := apiError(t, rec)
	if e.Status != http.StatusUnprocessableEntity || e.Position != "modules/hero/cart.html:13:38" || !strings.Contains(e.Message, "money") {
		t.Fatalf("want a 422 placed in the cart module, got %+v", e)
	}
}

func TestBatch(t *testing.T) {
	s, _ := newServer(t, "", Options{MaxBatch: 3})
	h := s.Handler()
	ok := mustJSON(t, fixture(t, "ana"))
	bad := `{"id":"c-9","cart":[{"name":"hat","price":"abc"}],"cart_updated_at":"2026-10-01T00:00:00Z"}`
	rec := do(h, "POST", "/v1/render/batch", `{"template":"newsletter","profiles":[`+ok+`,`+bad+`,"nope"]}`)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var resp BatchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Rendered != 1 || resp.Failed != 2 || len(resp.Results) != 3 {
		t.Fatalf("rendered %d failed %d results %d, want 1, 2, 3", resp.Rendered, resp.Failed, len(resp.Results))
	}
	if m := resp.Results[0].Message; m == nil || m.ID != "c-1001" || m.Subject == "" {
		t.Fatalf("result 0: %+v", resp.Results[0])
	}
	if e := resp.Results[1].Error; e == nil || e.Status != 422 || e.Recipient != "c-9" {
		t.Fatalf("result 1: want a 422 for c-9, got %+v", resp.Results[1])
	}
	if e := resp.Results[2].Error; e == nil || e.Field != "profiles[2]" {
		t.Fatalf("result 2: want a bad profiles[2], got %+v", resp.Results[2])
	}

	tests := []struct{ name, body, code, field string }{
		{"too many", `{"template":"newsletter","profiles":[{},{},{},{}]}`, "too_many", "profiles"},
		{"no profiles", `{"template":"newsletter"}`, "missing_field", "profiles"},
		{"unknown template", `{"template":"x","profiles":[{}]}`, "unknown_template", "template"},
		{"unknown field", `{"template":"newsletter","profiles":[],"format":"eml"}`, "unknown_field", "format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, "POST", "/v1/render/batch", tt.body)
			if e := apiError(t, rec); rec.Code != 400 || e.Code != tt.code || e.Field != tt.field {
				t.Fatalf("status %d error %+v, want 400 %s %s", rec.Code, e, tt.code, tt.field)
			}
		})
	}
}

// TestBatchDataErrors: each profile of a batch is typed; a data error is
// placed in the request body, in that profile.
func TestBatchDataErrors(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	body := "{\"template\":\"newsletter\",\"profiles\":[\n{\"id\":\"a\",\"email\":\"a@x.io\"},\n{\"id\":\"b\",\"email\":\"b@x.io\",\"loyalty_points\":\"abc\"}]}"
	rec := do(s.Handler(), "POST", "/v1/render/batch", body)
	var resp BatchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("status %d, %v: %.300s", rec.Code, err, rec.Body)
	}
	want := []string{`request:3:45: loyalty_points: "abc" is not an int`}
	if resp.Rendered != 2 || len(resp.Results[0].Message.DataErrors) != 0 || !slices.Equal(resp.Results[1].Message.DataErrors, want) {
		t.Fatalf("rendered %d; data errors %q and %q, want none and %q", resp.Rendered, resp.Results[0].Message.DataErrors, resp.Results[1].Message.DataErrors, want)
	}
}
