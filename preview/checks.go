package preview

import (
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/tailor-email/tailor/check"
)

// sevGroup is the findings of one severity, by rule (the feature or the
// problem), most serious first.
type sevGroup struct {
	Severity string
	Count    int
	Rules    []ruleGroup
}

// ruleGroup is one rule's findings, deduplicated: the same message at the
// same place is one finding, whoever's email has it.
type ruleGroup struct {
	Rule     string
	Findings []findingView
}

// findingView is one finding with a link to its source line.
type findingView struct {
	Message, Place, Link string
	Recipients           []string
	Clients              string
}

// groupFindings groups fs by severity (errors first) and rule, merging
// equal findings; link says where a finding's place leads ("" for none).
func groupFindings(fs []check.Finding, link func(check.Finding) string) []sevGroup {
	bySev := map[check.Severity]map[string][]findingView{}
	seen := map[string]int{} // finding key -> index in its rule's list
	for _, f := range fs {
		if bySev[f.Severity] == nil {
			bySev[f.Severity] = map[string][]findingView{}
		}
		place := ""
		if f.File != "" {
			place = f.File
			if f.Line > 0 {
				place += fmt.Sprintf(":%d:%d", f.Line, f.Col)
			}
		}
		key := fmt.Sprint(f.Severity, "\x00", f.Rule, "\x00", place, "\x00", f.Message)
		list := bySev[f.Severity][f.Rule]
		if i, ok := seen[key]; ok {
			list[i].Recipients = mergeSorted(list[i].Recipients, f.Recipients)
			continue
		}
		seen[key] = len(list)
		bySev[f.Severity][f.Rule] = append(list, findingView{Message: f.Message, Place: place, Link: link(f),
			Recipients: f.Recipients, Clients: strings.Join(f.Clients, ", ")})
	}
	var out []sevGroup
	for sev := check.Error; sev >= check.Info; sev-- {
		rules := bySev[sev]
		if len(rules) == 0 {
			continue
		}
		g := sevGroup{Severity: sev.String()}
		for rule, list := range rules {
			g.Rules = append(g.Rules, ruleGroup{Rule: rule, Findings: list})
			g.Count += len(list)
		}
		sort.Slice(g.Rules, func(i, j int) bool { return g.Rules[i].Rule < g.Rules[j].Rule })
		out = append(out, g)
	}
	return out
}

func mergeSorted(a, b []string) []string {
	set := map[string]bool{}
	for _, s := range append(append([]string{}, a...), b...) {
		set[s] = true
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// sourceLink is the source page of a finding's workspace file at its line.
func sourceLink(f check.Finding) string {
	if f.File == "" || !fs.ValidPath(f.File) || strings.Contains(f.File, " ") {
		return ""
	}
	u := "/source/" + (&url.URL{Path: f.File}).EscapedPath()
	if f.Line > 0 {
		u += "#L" + strconv.Itoa(f.Line)
	}
	return u
}

// wsChecks keeps the workspace's check findings for one good build, since
// check.Workspace renders every email for every fixture.
type wsChecks struct {
	mu       sync.Mutex
	version  int
	findings []check.Finding
	err      error
}

// checks is the workspace's check page: every finding of every email and
// fixture, deduplicated, grouped by severity and rule, each linked to its
// source line; warnings tailor.yaml accepts are shown as accepted.
func (s *Server) checks(w http.ResponseWriter, r *http.Request) {
	b := s.good()
	s.wsCheck.mu.Lock()
	if s.wsCheck.findings == nil && s.wsCheck.err == nil || s.wsCheck.version != b.Version {
		fs, err := check.Workspace(r.Context(), b.Campaign, s.ws.FS(), check.Options{}, campaignNow(b.Campaign))
		if err == nil {
			fs, err = check.Accept(b.Campaign, fs)
		}
		if fs == nil {
			fs = []check.Finding{}
		}
		s.wsCheck.version, s.wsCheck.findings, s.wsCheck.err = b.Version, fs, err
	}
	fs, err := s.wsCheck.findings, s.wsCheck.err
	s.wsCheck.mu.Unlock()
	body := struct {
		Groups []sevGroup
		Total  int
	}{groupFindings(fs, sourceLink), len(fs)}
	p := s.newPage(b, "Checks", body)
	if err != nil {
		p.Banner = []notice{{ID: "check-error", Kind: "error", Title: "The checks did not run", Text: err.Error(), Snippet: fileSnippet(s.ws.FS(), err.Error())}}
	}
	s.show(w, http.StatusOK, "checks", p)
}

// maxSourceBytes bounds the file the source page shows.
const maxSourceBytes = 1 << 20

// srcPage is the source page: a workspace file with numbered lines.
type srcPage struct {
	File  string
	Lines []srcLine
}

// source shows a text file of the workspace with numbered lines, each
// with an anchor (#L12), for the links of checks. It reads through the
// workspace's FS (an os.Root for a folder): no path leads out of it.
func (s *Server) source(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("path")
	fsys := s.ws.FS()
	if !fs.ValidPath(name) || fsys == nil {
		s.fail(w, r, http.StatusNotFound, "no such file")
		return
	}
	f, err := fsys.Open(name)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "no such file")
		return
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		s.fail(w, r, http.StatusNotFound, "no such file")
		return
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSourceBytes))
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "cannot read "+strconvQuote(name))
		return
	}
	p := srcPage{File: name}
	for i, l := range strings.Split(string(data), "\n") {
		p.Lines = append(p.Lines, srcLine{N: i + 1, Text: l})
	}
	s.show(w, http.StatusOK, "source", s.newPage(s.good(), name, p))
}
