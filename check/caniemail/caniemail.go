package caniemail

import (
	_ "embed" // the data and its licence are embedded
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

//go:embed data.json
var dataJSON []byte

//go:embed LICENSE
var licenseText string

// License returns the MIT licence notice of the embedded caniemail data.
func License() string {
	return "caniemail.com data, github.com/hteumeuleu/caniemail (MIT):\n\n" + licenseText
}

// DefaultClients are the clients checked when the caller names none: the
// email clients with the largest market share (Apple Mail, Gmail, Outlook,
// Yahoo and Samsung Email on their main platforms).
var DefaultClients = []string{
	"apple-mail.ios", "apple-mail.macos",
	"gmail.desktop-webmail", "gmail.ios", "gmail.android",
	"outlook.windows", "outlook.outlook-com", "outlook.macos",
	"yahoo.desktop-webmail", "samsung-email.android",
}

// Feature is one caniemail feature with the current support per client,
// as data.json holds it (internal/gen writes it from the same type).
type Feature struct {
	Slug     string            `json:"slug"`
	Title    string            `json:"title"`
	Category string            `json:"category"`
	Keywords string            `json:"keywords,omitempty"`
	URL      string            `json:"url"`
	LastTest string            `json:"last_test_date,omitempty"`
	Note     string            `json:"note,omitempty"`
	Notes    map[string]string `json:"notes_by_num,omitempty"`
	// Support maps a client ID ("family.platform") to the code of its
	// newest test: "y", "a" (partial), "n" or "u", followed by note
	// references such as " #1".
	Support map[string]string `json:"support"`
}

var noteRef = regexp.MustCompile(`#(\d+)`)

// Status returns the support code of client ("y", "a", "n", "u", or ""
// when caniemail has no test for it) and the text of the notes the test
// refers to.
func (f *Feature) Status(client string) (code string, notes []string) {
	s, ok := f.Support[client]
	if !ok {
		return "", nil
	}
	code, refs, _ := strings.Cut(s, " ")
	if refs == "" {
		return code, nil
	}
	for _, m := range noteRef.FindAllStringSubmatch(s, -1) {
		if n, ok := f.Notes[m[1]]; ok {
			notes = append(notes, n)
		}
	}
	return code, notes
}

// Data is the whole embedded dataset.
type Data struct {
	Source    string            `json:"source"`
	Updated   string            `json:"last_update_date"`
	Families  map[string]string `json:"families"`
	Platforms map[string]string `json:"platforms"`
	Features  []*Feature        `json:"features"`

	bySlug  map[string]*Feature
	clients []string
	index   *Index
}

var (
	loadOnce sync.Once
	loaded   *Data
	loadErr  error
)

// Load returns the embedded data, parsed once and shared: treat it as
// read-only.
func Load() (*Data, error) {
	loadOnce.Do(func() { loaded, loadErr = parse(dataJSON) })
	return loaded, loadErr
}

func parse(b []byte) (*Data, error) {
	d := &Data{}
	if err := json.Unmarshal(b, d); err != nil {
		return nil, fmt.Errorf("caniemail: embedded data.json: %w", err)
	}
	d.bySlug = make(map[string]*Feature, len(d.Features))
	seen := map[string]bool{}
	for _, f := range d.Features {
		d.bySlug[f.Slug] = f
		for c := range f.Support {
			if !seen[c] {
				seen[c] = true
				d.clients = append(d.clients, c)
			}
		}
	}
	sort.Strings(d.clients)
	d.index = buildIndex(d.Features)
	return d, nil
}

// Feature returns the feature with the given slug, or nil.
func (d *Data) Feature(slug string) *Feature { return d.bySlug[slug] }

// Clients returns every client ID that has test results, sorted.
func (d *Data) Clients() []string { return d.clients }

// Index returns the name-to-feature index built from the data.
func (d *Data) Index() *Index { return d.index }

// ClientName returns a client's display name, e.g. "Gmail iOS" for
// "gmail.ios".
func (d *Data) ClientName(id string) string {
	fam, plat, _ := strings.Cut(id, ".")
	f, p := d.Families[fam], d.Platforms[plat]
	if f == "" || p == "" {
		return id
	}
	return f + " " + p
}

// ResolveClients checks client IDs against the data. An empty list gives
// DefaultClients. An unknown ID is an error that lists the valid ones.
func (d *Data) ResolveClients(ids []string) ([]string, error) {
	if len(ids) == 0 {
		return DefaultClients, nil
	}
	valid := map[string]bool{}
	for _, c := range d.clients {
		valid[c] = true
	}
	var out []string
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if !valid[id] {
			return nil, fmt.Errorf("unknown client %q; valid clients: %s", id, strings.Join(d.clients, ", "))
		}
		out = append(out, id)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no client named; valid clients: %s", strings.Join(d.clients, ", "))
	}
	return out, nil
}
