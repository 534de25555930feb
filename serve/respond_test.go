package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
)

// encodingJSON is what writeJSON writes for v: encoding/json's bytes.
func encodingJSON(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestRenderAnswerBytes: the answers of /v1/render and /v1/render/batch,
// written from the HTML's JSON form, are byte for byte what encoding/json
// writes for the message rendered the plain way (message.Of), for every
// example fixture and both emails; a batch with a profile that is not an
// object and one whose render fails too.
func TestRenderAnswerBytes(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	h := s.Handler()
	recs, err := recipients.Fixtures(shop.FS())
	if err != nil {
		t.Fatal(err)
	}
	c := s.state.Load().campaign
	for _, email := range []string{"newsletter", "picks"} {
		var raws []string
		want := BatchResponse{}
		for _, r := range recs {
			raw := mustJSON(t, r.Profile)
			var p map[string]any
			if err := json.Unmarshal([]byte(raw), &p); err != nil {
				t.Fatal(err)
			}
			msg, err := c.Render(context.Background(), render.Request{Email: email, Profile: p, Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			got := do(h, "POST", "/v1/render", `{"template":"`+email+`","profile":`+raw+`}`)
			if w := encodingJSON(t, message.Of(msg)); got.Body.String() != w {
				t.Errorf("%s %s: the answer differs from encoding/json's:\n%.300s\nwant\n%.300s", email, r.Profile["id"], got.Body, w)
			}
			j := message.Of(msg)
			raws = append(raws, raw)
			want.Results = append(want.Results, BatchResult{Message: &j})
			want.Rendered++
		}
		raws = append(raws, `"not an object"`, `{"id":"c-9","cart":[{"name":"hat","price":"abc"}],"cart_updated_at":"2026-10-01T00:00:00Z"}`)
		want.Results = append(want.Results, BatchResult{Error: badRequest("bad_profile", "profiles[8]", "profiles[8]: want a JSON object")})
		got := do(h, "POST", "/v1/render/batch", `{"template":"`+email+`","profiles":[`+strings.Join(raws, ",")+`]}`)
		var resp BatchResponse
		if err := json.Unmarshal(got.Body.Bytes(), &resp); err != nil || len(resp.Results) != len(raws) {
			t.Fatalf("%s: batch answer %v: %.300s", email, err, got.Body)
		}
		if last := resp.Results[len(raws)-1]; email == "newsletter" && (last.Error == nil || last.Error.Code != "render_failed") {
			t.Fatalf("%s: the bad cart did not fail: %+v", email, last)
		}
		want.Results = append(want.Results, resp.Results[len(raws)-1]) // as the server tells it
		want.Rendered, want.Failed = resp.Rendered, resp.Failed
		if w := encodingJSON(t, want); got.Body.String() != w {
			t.Errorf("%s: the batch answer differs from encoding/json's:\n%.300s\nwant\n%.300s", email, got.Body, w)
		}
	}
}

// TestDecodeQuick: whatever body the fast path takes, decodeStrict
// decodes to the same request; it leaves the others to decodeStrict.
func TestDecodeQuick(t *testing.T) {
	profile := `{"id":"c-1","n":1.5e3,"s":"a\u00e9\"\\","l":[1,{"x":null}],"b":true,"u":"\ud800"}`
	for _, tt := range []struct {
		body  string
		quick bool
	}{
		{`{"template":"newsletter","profile":` + profile + `}`, true},
		{` {"profile":{},"template":"picks","now":"2026-01-01T00:00:00Z","format":"eml"} `, true},
		{`{"template":"a","template":"b","profile":{"k":1,"k":2}}`, true},
		{`{"Template":"newsletter","profile":{}}`, false},
		{`{"template":"newsletter","profile":null}`, false},
		{`{"template":5,"profile":{}}`, false},
		{`{"template":"newsletter","profile":{},"extra":1}`, false},
		{`{"template":"newsletter","profile":{}} {}`, false},
		{`{"template":"newsletter","profile":{]}`, false},
		{`[1]`, false},
	} {
		var quick, strict RenderRequest
		if got := decodeQuick([]byte(tt.body), &quick, nil); got != tt.quick {
			t.Errorf("%s: fast path %v, want %v", tt.body, got, tt.quick)
		}
		if !tt.quick {
			if !reflect.DeepEqual(quick, RenderRequest{}) {
				t.Errorf("%s: the fast path refused it but set %#v", tt.body, quick)
			}
			continue
		}
		if err := decodeStrict([]byte(tt.body), &strict); err != nil || !reflect.DeepEqual(quick, strict) {
			t.Errorf("%s: fast path %#v, decodeStrict %#v (%v)", tt.body, quick, strict, err)
		}
	}
	for _, body := range []string{
		`{"template":"newsletter","profiles":[` + profile + `,"x",null,[]]}`,
		`{"template":"newsletter","profiles":[]}`,
		`{"template":"newsletter","profiles":null}`,
	} {
		var quick, strict BatchRequest
		ok := decodeQuick([]byte(body), &quick, nil)
		if err := decodeStrict([]byte(body), &strict); err != nil {
			t.Fatal(err)
		}
		if ok != (strict.Profiles != nil) || len(quick.Profiles) != len(strict.Profiles) || ok && quick.Template != strict.Template {
			t.Errorf("%s: fast path %v %#v, decodeStrict %#v", body, ok, quick, strict)
			continue
		}
		for i := range strict.Profiles {
			p, pok := batchProfile(&quick, i)
			q, qok := batchProfile(&strict, i)
			if pok != qok || !reflect.DeepEqual(p, q) {
				t.Errorf("%s: profile %d: fast path %v %#v, decodeStrict %v %#v", body, i, pok, p, qok, q)
			}
		}
	}
}
