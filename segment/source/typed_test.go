package source

import (
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
)

// TestLoadWithSchema: each profiles input is typed by the workspace's
// schema under its own column names; a value that does not fit is a bad
// value issue at source:line:col and a data error of its recipient; a
// field the input types itself (types:) is left to it; events are not
// typed by it.
func TestLoadWithSchema(t *testing.T) {
	s, err := schema.Parse("schema.yaml", []byte(`fields:
  - {name: email, type: string}
  - {name: points, type: int}
  - {name: vip, type: bool, optional: true}
  - {name: joined, type: date, optional: true}
`))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"crm.csv":   {Data: []byte("Email,Points,vip,joined\na@x.com,1200,yes,2026-01-02\nb@x.com,abc,no,\n")},
		"web.jsonl": {Data: []byte(`{"email": "a@x.com", "vip": "maybe"}` + "\n")},
	}
	spec := Spec{Inputs: []Input{
		{Name: "crm", Path: "crm.csv", Key: "Email", Fields: map[string]string{"points": "Points"}, Types: map[string]string{"joined": "string"}},
		{Name: "web", Path: "web.jsonl", Key: "email"},
	}}
	res, err := LoadWith(fsys, spec, now, s)
	if err != nil {
		t.Fatal(err)
	}
	var issues []string
	for _, is := range res.Report.Issues {
		if is.Kind == BadValue {
			issues = append(issues, is.String())
		}
	}
	want := []string{
		`crm.csv:3:9: bad value: key b@x.com: field points: "abc" is not an int`,
		`web.jsonl:1:29: bad value: key a@x.com: field vip: "maybe" is not a bool (want yes/no, true/false, y/n, on/off or 1/0)`,
	}
	if !reflect.DeepEqual(issues, want) {
		t.Errorf("issues:\n%q\nwant\n%q", issues, want)
	}
	got := map[string]segment.Profile{}
	errs := map[string]int{}
	res.EachWith(func(p segment.Profile, dataErrs []*schema.Error) error {
		got[p["email"].(string)] = p
		errs[p["email"].(string)] = len(dataErrs)
		return nil
	})
	a := got["a@x.com"]
	if a["points"] != 1200 || a["vip"] != true || a["joined"] != "2026-01-02" {
		t.Errorf("a: %#v (joined is the input's own string type)", a)
	}
	if _, ok := got["b@x.com"]["points"]; ok || errs["b@x.com"] != 1 || errs["a@x.com"] != 1 {
		t.Errorf("b: %v; data errors a %d, b %d", got["b@x.com"], errs["a@x.com"], errs["b@x.com"])
	}
	if res.Report.Inputs[0].BadValues != 1 || res.Report.Inputs[1].BadValues != 1 {
		t.Errorf("bad values %+v", res.Report.Inputs)
	}
}
