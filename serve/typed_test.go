package serve

import (
	"reflect"
	"strings"
	"testing"

	tp "github.com/tailor-email/tailor/batch/throughput"
)

// TestDecodeTypedProfile: with the workspace's schema, a single render's
// profile that fits it is typed as the body is decoded, to the profile
// that decoding and then typeProfile give, with no data errors; one with
// a value that does not fit is left to typeProfile, which names it at
// request:line:col.
func TestDecodeTypedProfile(t *testing.T) {
	s, _ := newServer(t, "", Options{})
	c := s.state.Load().campaign
	if c.Schema == nil {
		t.Fatal("the example has no schema: the test checks nothing")
	}
	single, _ := requestBodies(tp.Recipients(200), 1)
	for _, body := range single {
		var typed, plain RenderRequest
		if !decodeQuick(body, &typed, c.Schema.Root()) || !typed.typed {
			t.Fatalf("%.200s: not typed as it was decoded", body)
		}
		if err := decodeStrict(body, &plain); err != nil {
			t.Fatal(err)
		}
		if errs := typeProfile(c, plain.Profile, body, []string{"profile"}, requestSource); len(errs) > 0 {
			t.Fatalf("%.200s: typeProfile says %v", body, errs)
		}
		plain.typed = true
		if !reflect.DeepEqual(typed, plain) {
			t.Fatalf("%.200s:\n typed as decoded %#v\n decoded, typed %#v", body, typed.Profile, plain.Profile)
		}
	}
	bad := strings.Replace(string(single[0]), `"last_activity_at":"`, `"last_activity_at":"not a time`, 1)
	if bad == string(single[0]) {
		t.Fatal("the synthetic profile has no last_activity_at")
	}
	var req RenderRequest
	if !decodeQuick([]byte(bad), &req, c.Schema.Root()) || req.typed {
		t.Fatalf("a profile that does not fit: decoded %v, typed %v", req.Profile != nil, req.typed)
	}
	errs := typeProfile(c, req.Profile, []byte(bad), []string{"profile"}, requestSource)
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "request:1:") {
		t.Errorf("typeProfile says %v, want one error at request:1:COL", errs)
	}
}
