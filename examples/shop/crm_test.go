package shop_test

import (
	"bytes"
	"context"
	"io/fs"
	"reflect"
	"testing"

	"github.com/tailor-email/tailor/examples/shop"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/workspace"
)

// crmExport is the example's CRM export, as a CRM writes it.
const crmExport = "testdata/recipients/crm-export.csv"

func crmBytes(t *testing.T) []byte {
	t.Helper()
	b, err := fs.ReadFile(shop.FS(), crmExport)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readCRM reads data as crm-export.csv with opts; any bad record fails.
func readCRM(t *testing.T, data []byte, opts recipients.Options) []recipients.Record {
	t.Helper()
	var out []recipients.Record
	for rec := range recipients.ReadWith("crm-export.csv", bytes.NewReader(data), recipients.CSV, opts) {
		if rec.Err != nil {
			t.Fatalf("%s: %v", rec.Where(), rec.Err)
		}
		out = append(out, rec)
	}
	return out
}

// renderAll renders every email for every record, strictly unless
// lenient: a data error or a rule that cannot evaluate fails.
func renderAll(t *testing.T, c *render.Campaign, recs []recipients.Record) []*render.Message {
	t.Helper()
	var out []*render.Message
	for _, email := range c.Emails() {
		for _, r := range recs {
			m, err := c.Render(context.Background(), render.Request{Email: email, Profile: r.Profile, DataErrors: r.DataErrors, StrictRules: true})
			if err != nil {
				t.Fatalf("%s %s: %v", email, r.Where(), err)
			}
			out = append(out, m)
		}
	}
	return out
}

// TestCRMExportRendersEveryRow: the CRM export (a byte order mark, CRLF,
// empty cells, yes/no, three spellings of a time, JSON cells, dotted
// columns) renders every row under the example's schema, strictly: no
// data error, no rule that cannot evaluate.
func TestCRMExportRendersEveryRow(t *testing.T) {
	c := load(t)
	recs := readCRM(t, crmBytes(t), workspace.ReadOptions(c.Schema, c.Config))
	if len(recs) != 20 {
		t.Fatalf("%d records, want 20", len(recs))
	}
	msgs := renderAll(t, c, recs)
	segments := map[string]int{}
	for _, m := range msgs {
		for _, s := range m.Segments {
			segments[s]++
		}
	}
	for _, s := range c.Rules.Segments() {
		if segments[s] == 0 {
			t.Errorf("no row of the export is in segment %s", s)
		}
	}
}

// TestCRMExportDataError: a row whose loyalty_points is "abc" reports it
// at its cell, renders as the row with that cell empty does, and fails
// strictly with that error.
func TestCRMExportDataError(t *testing.T) {
	c := load(t)
	opts := workspace.ReadOptions(c.Schema, c.Config)
	data := crmBytes(t)
	bad := readCRM(t, bytes.Replace(data, []byte("\r\n106,980,"), []byte("\r\n106,abc,"), 1), opts)[5]
	empty := readCRM(t, bytes.Replace(data, []byte("\r\n106,980,"), []byte("\r\n106,,"), 1), opts)[5]
	const want = `crm-export.csv:7:5: loyalty_points: "abc" is not an int`
	if len(bad.DataErrors) != 1 || bad.DataErrors[0].Error() != want {
		t.Fatalf("data errors %v, want %s", bad.DataErrors, want)
	}
	if !reflect.DeepEqual(bad.Profile, empty.Profile) {
		t.Errorf("the profile with the bad cell:\n%v\nwith it empty:\n%v", bad.Profile, empty.Profile)
	}
	for _, email := range c.Emails() {
		got, err := c.Render(context.Background(), render.Request{Email: email, Profile: bad.Profile, DataErrors: bad.DataErrors})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.DataErrors, []string{want}) {
			t.Errorf("%s: message data errors %q", email, got.DataErrors)
		}
		base, err := c.Render(context.Background(), render.Request{Email: email, Profile: empty.Profile})
		if err != nil {
			t.Fatal(err)
		}
		got.DataErrors = nil
		if !reflect.DeepEqual(got, base) {
			t.Errorf("%s: renders unlike the row with an empty cell", email)
		}
		_, err = c.Render(context.Background(), render.Request{Email: email, Profile: bad.Profile, DataErrors: bad.DataErrors, StrictRules: true})
		if err == nil || err.Error() != want {
			t.Errorf("%s strictly: %v, want %s", email, err, want)
		}
	}
}

// TestInferredSchemaRendersTheSame: the schema inferred from the export
// (what tailor schema infer prints), read back, types the export so that
// every email renders byte for byte as under the hand-written schema.
func TestInferredSchemaRendersTheSame(t *testing.T) {
	c := load(t)
	data := crmBytes(t)
	in := &schema.Inferrer{IDField: c.Config.IDField}
	for _, r := range readCRM(t, data, recipients.Options{IDField: c.Config.IDField}) {
		in.Add(r.Profile, r.Columns, true, r.Where())
	}
	got, err := in.Infer()
	if err != nil {
		t.Fatal(err)
	}
	inferred, err := schema.Parse("schema.yaml", schema.Format(got.Schema, "inferred", got.Reasons))
	if err != nil {
		t.Fatal(err)
	}
	hand := renderAll(t, c, readCRM(t, data, workspace.ReadOptions(c.Schema, c.Config)))
	opts := workspace.ReadOptions(inferred, c.Config)
	for i, m := range renderAll(t, c, readCRM(t, data, opts)) {
		if !reflect.DeepEqual(m, hand[i]) {
			t.Errorf("%s for %s renders otherwise under the inferred schema", m.Template, m.ID)
		}
	}
	if reflect.DeepEqual(inferred.Fields, c.Schema.Fields) {
		t.Error("the inferred schema is the hand-written one: the test proves nothing")
	}
}
