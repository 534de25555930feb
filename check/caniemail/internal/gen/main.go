package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/tailor-email/tailor/check/caniemail"
)

// dateKey matches caniemail version keys that are test dates (YYYY-MM).
var dateKey = regexp.MustCompile(`^\d{4}-\d{2}$`)

// rawFeature is one feature of caniemail's /api/data.json. Stats is kept
// raw so that the order of version keys survives decoding.
type rawFeature struct {
	Slug       string            `json:"slug"`
	Title      string            `json:"title"`
	Category   string            `json:"category"`
	Keywords   string            `json:"keywords"`
	URL        string            `json:"url"`
	LastTest   string            `json:"last_test_date"`
	Stats      json.RawMessage   `json:"stats"`
	Notes      *string           `json:"notes"`
	NotesByNum map[string]string `json:"notes_by_num"`
}

func main() {
	peers := os.Getenv("TAILOR_PEERS")
	if peers == "" {
		peers = filepath.Join("..", "..", "..", "shared", "peers")
	}
	in := flag.String("in", filepath.Join(peers, "caniemail", "derived", "caniemail-data-from-repo-6b086a3.json"), "caniemail data.json")
	out := flag.String("out", "data.json", "output file")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("read caniemail data: %w", err)
	}
	var raw struct {
		Updated   string `json:"last_update_date"`
		Nicenames struct {
			Family   map[string]string `json:"family"`
			Platform map[string]string `json:"platform"`
		} `json:"nicenames"`
		Data []rawFeature `json:"data"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	res := caniemail.Data{
		Source:    "caniemail.com data (github.com/hteumeuleu/caniemail @ 6b086a3, MIT, Copyright (c) 2019 Rémi Parmentier)",
		Updated:   raw.Updated,
		Families:  raw.Nicenames.Family,
		Platforms: raw.Nicenames.Platform,
	}
	for _, f := range raw.Data {
		sup, err := currentSupport(f.Stats)
		if err != nil {
			return fmt.Errorf("%s: feature %s: %w", in, f.Slug, err)
		}
		of := &caniemail.Feature{Slug: f.Slug, Title: strings.TrimSpace(f.Title), Category: f.Category,
			URL: f.URL, LastTest: f.LastTest, Notes: f.NotesByNum, Support: sup}
		if f.Keywords != "None" {
			of.Keywords = f.Keywords
		}
		if f.Notes != nil {
			of.Note = *f.Notes
		}
		res.Features = append(res.Features, of)
	}
	sort.Slice(res.Features, func(i, j int) bool { return res.Features[i].Slug < res.Features[j].Slug })
	b, err = encode(res)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}

// currentSupport returns "family.platform" -> support code of the newest
// test. Version keys are read in document order: the last key is the
// newest, except where date keys (YYYY-MM) are listed out of order, where
// the latest date wins.
func currentSupport(stats json.RawMessage) (map[string]string, error) {
	res := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(stats))
	if _, err := dec.Token(); err != nil { // {
		return nil, fmt.Errorf("stats: %w", err)
	}
	for dec.More() {
		fam, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		for dec.More() {
			plat, err := dec.Token()
			if err != nil {
				return nil, fmt.Errorf("stats: %w", err)
			}
			keys, vals, err := orderedPairs(dec)
			if err != nil {
				return nil, fmt.Errorf("stats %v.%v: %w", fam, plat, err)
			}
			if len(keys) > 0 {
				res[fmt.Sprint(fam)+"."+fmt.Sprint(plat)] = vals[newest(keys)]
			}
		}
		if _, err := dec.Token(); err != nil { // }
			return nil, fmt.Errorf("stats: %w", err)
		}
	}
	return res, nil
}

// orderedPairs reads one {"version": "code", ...} object in order.
func orderedPairs(dec *json.Decoder) (keys, vals []string, err error) {
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		var v string
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		keys = append(keys, fmt.Sprint(k))
		vals = append(vals, v)
	}
	_, err = dec.Token()
	if err == io.EOF {
		err = nil
	}
	return keys, vals, err
}

// newest returns the index of the newest version key.
func newest(keys []string) int {
	last := len(keys) - 1
	if !dateKey.MatchString(keys[last]) {
		return last
	}
	best := last
	for i, k := range keys {
		if dateKey.MatchString(k) && k > keys[best] {
			best = i
		}
	}
	return best
}

// encode writes compact JSON with one feature per line, so that a data
// update reads as a small diff.
func encode(res caniemail.Data) ([]byte, error) {
	feats := res.Features
	res.Features = nil
	head, err := marshal(res)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Write(bytes.TrimSuffix(head, []byte("null}")))
	buf.WriteString("[\n")
	for i, f := range feats {
		line, err := marshal(f)
		if err != nil {
			return nil, err
		}
		buf.Write(line)
		if i < len(feats)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]}\n")
	return buf.Bytes(), nil
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
