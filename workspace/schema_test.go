package workspace

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestReadSchema: schema.yaml is optional; without it recipients are read
// with inference from each source's first DefaultInfer records, with it
// typed by it; a bad one is an error at its place.
func TestReadSchema(t *testing.T) {
	cfg, err := ParseConfig([]byte("id_field: contact_id\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := ReadSchema(fstest.MapFS{})
	if s != nil || err != nil {
		t.Fatalf("no schema.yaml: %v, %v", s, err)
	}
	if opts := ReadOptions(nil, cfg); opts.Schema != nil || opts.Infer != 1000 || opts.IDField != "contact_id" {
		t.Errorf("without a schema: %+v", opts)
	}
	fsys := fstest.MapFS{"schema.yaml": {Data: []byte("fields:\n  - {name: n, type: int}\n")}}
	if s, err = ReadSchema(fsys); err != nil || s.Lookup("n") == nil {
		t.Fatalf("schema.yaml: %v, %v", s, err)
	}
	if opts := ReadOptions(s, cfg); opts.Schema != s || opts.Infer != 0 {
		t.Errorf("with a schema: %+v", opts)
	}
	fsys["schema.yaml"] = &fstest.MapFile{Data: []byte("fields:\n  - {name: n, typ: int}\n")}
	if _, err = ReadSchema(fsys); err == nil || !strings.HasPrefix(err.Error(), "schema.yaml:2:15: ") {
		t.Errorf("a bad schema.yaml: %v", err)
	}
}
