package validator

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tailor-email/tailor/amp/validator/official"
	"github.com/tailor-email/tailor/internal/peers"
)

// The tests below compare this validator with the official one. All their
// documents go through a single run of the official validator (its start
// costs about two seconds).

// oracleDoc is one document checked by both validators.
type oracleDoc struct {
	group string // feature, check or mutant
	name  string
	doc   []byte
	want  official.Result
}

var (
	oracleOnce sync.Once
	oracleDocs []*oracleDoc
	oracleErr  string
)

// oracle returns every comparison document with the official verdict, or
// ends the test (see official.Wrapper).
func oracle(t *testing.T) []*oracleDoc {
	t.Helper()
	official.Wrapper(t)
	features := peers.Dir(t, "amp4email-validator", "amp4email_feature_tests")
	oracleOnce.Do(func() { oracleDocs, oracleErr = runOracle(t, features) })
	if oracleErr != "" {
		t.Fatal(oracleErr)
	}
	if oracleDocs == nil {
		t.Fatal("the official validator run failed in an earlier test")
	}
	return oracleDocs
}

func runOracle(t *testing.T, features string) ([]*oracleDoc, string) {
	docs, err := featureDocs(features)
	if err != nil {
		return nil, err.Error()
	}
	for _, c := range append(allCases(), sweepCases()...) {
		docs = append(docs, &oracleDoc{group: "check", name: c.name, doc: []byte(c.doc)})
	}
	docs = append(docs, mutants(docs)...)
	dir, err := os.MkdirTemp("", "amp-oracle-")
	if err != nil {
		return nil, err.Error()
	}
	defer os.RemoveAll(dir)
	files := make([]string, len(docs))
	for i, d := range docs {
		files[i] = filepath.Join(dir, fmt.Sprintf("%04d.html", i))
		if err := os.WriteFile(files[i], d.doc, 0o644); err != nil {
			return nil, err.Error()
		}
	}
	verdicts := official.Check(t, files...)
	for i, d := range docs {
		d.want = verdicts[files[i]]
	}
	return docs, ""
}

// featureDocs reads the 18 feature tests, plus the doc_size template
// filled around the 200,000-byte limit (trailing white space does not
// count).
func featureDocs(dir string) ([]*oracleDoc, error) {
	inputs, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(inputs) == 0 {
		return nil, fmt.Errorf("no feature tests in %s: %v", dir, err)
	}
	var docs []*oracleDoc
	for _, in := range inputs {
		b, err := os.ReadFile(in)
		if err != nil {
			return nil, fmt.Errorf("read feature test: %w", err)
		}
		docs = append(docs, &oracleDoc{group: "feature", name: filepath.Base(in), doc: b})
		if strings.HasSuffix(in, "doc_size.html") {
			for _, size := range []int{200001, 200002} {
				pad := size - (len(b) - len("replace_body"))
				filled := strings.Replace(string(b), "replace_body", strings.Repeat("a", pad), 1)
				docs = append(docs, &oracleDoc{group: "feature", name: fmt.Sprintf("doc_size %d bytes", size), doc: []byte(filled)})
			}
		}
	}
	return docs, nil
}

// mutants mutates each seed twice (a fixed random seed: the same mutants
// every run), except the large doc_size fillings.
func mutants(seeds []*oracleDoc) []*oracleDoc {
	rng := rand.New(rand.NewSource(20261129))
	var out []*oracleDoc
	for _, s := range seeds {
		if len(s.doc) > 100000 {
			continue
		}
		for j := 0; j < 2; j++ {
			doc := string(s.doc)
			for k := rng.Intn(3); k >= 0; k-- {
				doc = mutate(rng, doc)
			}
			out = append(out, &oracleDoc{group: "mutant", name: fmt.Sprintf("%s, mutant %d", s.name, j), doc: []byte(doc)})
		}
	}
	return out
}

// compareGroup requires the official verdict on every document of a group
// and, when exact is set, the official errors (position and code); it logs
// how many give the official output word for word.
func compareGroup(t *testing.T, group string, exact bool) {
	same, n := 0, 0
	for _, d := range oracle(t) {
		if d.group != group {
			continue
		}
		n++
		got := Validate(d.doc)
		if got.Pass != (d.want.Status == "PASS") {
			t.Errorf("%s: Go pass=%v, official %s: %s", d.name, got.Pass, d.want.Status, describeOfficial(d.want))
			continue
		}
		if exact && fmt.Sprint(keys(got, false)) != fmt.Sprint(officialKeys(d.want, false)) {
			t.Errorf("%s: Go %v, official %v", d.name, keys(got, false), officialKeys(d.want, false))
		}
		if fmt.Sprint(keys(got, true)) == fmt.Sprint(officialKeys(d.want, true)) {
			same++
		}
	}
	t.Logf("%s: %d documents, same verdict on all, same error output on %d", group, n, same)
}

// TestAgreesWithOfficial: the feature tests and the size limit.
func TestAgreesWithOfficial(t *testing.T) { compareGroup(t, "feature", false) }

// TestChecksAgreeWithOfficial: the table cases and the tag sweep, down to
// each error's position and code.
func TestChecksAgreeWithOfficial(t *testing.T) { compareGroup(t, "check", true) }

// TestMutantsAgreeWithOfficial: mutated feature tests and table cases.
func TestMutantsAgreeWithOfficial(t *testing.T) { compareGroup(t, "mutant", false) }

// keys lists errors as "line:col code" (or with the message instead of
// the code), sorted.
func keys(res Result, message bool) []string {
	var out []string
	for _, e := range res.Errors {
		out = append(out, key(e.Line, e.Col, e.Code, e.Message, message))
	}
	sort.Strings(out)
	return out
}

func officialKeys(res official.Result, message bool) []string {
	var out []string
	for _, e := range res.Errors {
		out = append(out, key(e.Line, e.Col, e.Code, e.Message, message))
	}
	sort.Strings(out)
	return out
}

func key(line, col int, code, msg string, message bool) string {
	if message {
		return fmt.Sprintf("%d:%d %s", line, col, msg)
	}
	return fmt.Sprintf("%d:%d %s", line, col, code)
}

func describeOfficial(r official.Result) string {
	return strings.Join(officialKeys(r, true), "; ")
}
