package check

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tailor-email/tailor/check/caniemail"
	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/templates"
	"github.com/tailor-email/tailor/workspace"
)

// Workspace lints a compiled workspace c read from fsys: every email
// rendered for every fixture recipient (testdata/recipients/) goes through
// HTML, with ListUnsubscribe set from the message, and the findings are
// traced back to the template, module or stylesheet that wrote the
// element and merged across recipients (Finding.Recipients lists who has
// each). The workspace-logic rules run on top: slot-fallback,
// module-unreachable, module-unexercised, segment-untargeted,
// token-no-fallback, class-from-data, outlook-conditional-unbalanced,
// amp-invalid, render (a fixture that fails to render), fixtures (there
// are none) and fixture-data (a fixture value that does not fit
// schema.yaml; fixtures are typed as render types recipients).
//
// opts.Clients nil means the workspace's tailor.yaml clients, else
// caniemail.DefaultClients. now is the clock (zero: the campaign's).
// The warnings tailor.yaml's check.accept names are infos (see Accept).
func Workspace(ctx context.Context, c *render.Campaign, fsys fs.FS, opts Options, now time.Time) ([]Finding, error) {
	if opts.Clients == nil && c.Config != nil && len(c.Config.Clients) > 0 {
		opts.Clients = c.Config.Clients
	}
	if err := validClients(opts.Clients); err != nil {
		return nil, err
	}
	recs, err := recipients.FixturesWith(fsys, workspace.ReadOptions(c.Schema, c.Config))
	if err != nil {
		return nil, err
	}
	w := newWorkspaceRun(c, fsys, opts, now)
	for _, r := range recs {
		for _, e := range r.DataErrors {
			w.out = append(w.out, Finding{Rule: "fixture-data", Severity: Error, File: e.Source, Line: e.Line, Col: e.Col,
				Message: fmt.Sprintf("%s: %s (the recipient renders without it)", e.Field, e.Err.Error())})
		}
	}
	if len(recs) == 0 {
		w.out = append(w.out, Finding{Rule: "fixtures", Severity: Warning, File: "testdata/recipients/",
			Message: "no fixture recipients: no email was rendered, so only the workspace rules ran"})
	}
	for _, email := range c.Emails() {
		for _, r := range recs {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			w.message(ctx, email, r)
		}
	}
	w.logic(recs)
	return Accept(c, merge(w.out))
}

// validClients reports an unknown client ID before any rendering.
func validClients(ids []string) error {
	data, err := caniemail.Load()
	if err != nil {
		return err
	}
	if _, err := data.ResolveClients(ids); err != nil {
		return fmt.Errorf("clients: %w", err)
	}
	return nil
}

// workspaceRun is the state of one Workspace call.
type workspaceRun struct {
	c    *render.Campaign
	set  *sourceSet
	tr   *tracer
	opts Options
	now  time.Time
	out  []Finding
	got  map[string][]string // module ID -> recipients who got it
}

// newWorkspaceRun reads the workspace's sources for tracing.
func newWorkspaceRun(c *render.Campaign, fsys fs.FS, opts Options, now time.Time) *workspaceRun {
	w := &workspaceRun{c: c, set: loadSources(fsys), opts: opts, now: now, got: map[string][]string{}}
	w.tr = &tracer{set: w.set}
	return w
}

// message renders one email for one fixture and lints it.
func (w *workspaceRun) message(ctx context.Context, email string, r recipients.Record) {
	id := w.c.RecipientID(r.Profile)
	src, _ := w.c.Email(email)
	msg, err := w.c.Render(ctx, render.Request{Email: email, Profile: r.Profile, Now: w.now, DataErrors: r.DataErrors})
	if err != nil {
		w.add(id, Finding{Rule: "render", Severity: Error, File: r.Source, Line: r.Line,
			Message: fmt.Sprintf("email %s does not render for recipient %s: %s", email, id, err.Error())})
		return
	}
	files := w.filesOf(src, msg)
	for _, m := range msg.Modules {
		w.got[m] = append(w.got[m], id)
	}
	hasList := msg.Unsubscribe != ""
	opts := w.opts
	opts.ListUnsubscribe = &hasList
	d, err := parseDocument(src.File, []byte(msg.HTML))
	if err != nil {
		w.add(id, Finding{Rule: "render", Severity: Error, File: src.File,
			Message: fmt.Sprintf("the HTML rendered for recipient %s is not a document: %s", id, err.Error())})
		return
	}
	fs, err := lintDocument(d, opts)
	if err != nil {
		w.add(id, Finding{Rule: "render", Severity: Error, File: src.File, Message: err.Error()})
		return
	}
	for _, f := range fs {
		w.add(id, w.tr.trace(d, f, files, src.File))
	}
	for _, f := range ampFindings(src, msg) {
		w.add(id, f)
	}
}

// filesOf lists the source files that can have written msg, most specific
// first: its modules, then the email's templates, then stylesheets.
func (w *workspaceRun) filesOf(src *templates.Email, msg *render.Message) []string {
	var files []string
	seen := map[string]bool{}
	addFile := func(name string) {
		if _, ok := w.set.files[name]; ok && !seen[name] {
			seen[name] = true
			files = append(files, name)
		}
	}
	for _, slot := range slices.Sorted(maps.Keys(msg.Modules)) {
		for _, m := range w.c.Library.Modules(slot) {
			if m.ID == msg.Modules[slot] {
				addFile(m.File)
			}
		}
	}
	addFile(src.File)
	for _, p := range src.Pieces {
		addFile(p.Pos.File)
	}
	w.set.each(func(s *sourceFile) { addFile(s.name) }, "styles/")
	return files
}

// add records a finding for a recipient.
func (w *workspaceRun) add(id string, f Finding) {
	f.Recipients = []string{id}
	w.out = append(w.out, f)
}

// merge joins findings that differ only in their recipients, and sorts
// each finding's recipient list.
func merge(fs []Finding) []Finding {
	index := map[string]int{}
	var out []Finding
	for _, f := range fs {
		k := fmt.Sprintf("%s\x00%d\x00%s\x00%d\x00%d\x00%s\x00%s\x00%s\x00%s",
			f.Rule, f.Severity, f.File, f.Line, f.Col, f.Message, strings.Join(f.Clients, ","), f.Support, f.Note)
		if i, ok := index[k]; ok {
			out[i].Recipients = append(out[i].Recipients, f.Recipients...)
			continue
		}
		index[k] = len(out)
		out = append(out, f)
	}
	for i := range out {
		r := out[i].Recipients
		sort.Strings(r)
		out[i].Recipients = slices.Compact(r)
	}
	Sort(out)
	return out
}

// logic runs the workspace-logic rules once all fixtures are rendered.
func (w *workspaceRun) logic(recs []recipients.Record) {
	now := w.now
	if now.IsZero() && w.c.Config != nil {
		now = w.c.Config.Clock()
	}
	used := map[string]bool{}
	for _, e := range w.c.Emails() {
		for _, s := range w.c.Slots(e) {
			used[s] = true
		}
	}
	w.out = append(w.out, slotFindings(w.c.Library, used)...)
	unreachable := unreachableFindings(w.c.Library, now)
	w.out = append(w.out, unreachable...)
	w.out = append(w.out, w.unexercised(unreachable)...)
	w.out = append(w.out, sourceFindings(w.set)...)
	refs := w.tokenFindings(recs)
	w.out = append(w.out, segmentFindings(w.c.Rules, w.c.Library, refs)...)
}

// unexercised reports non-fallback modules that no fixture recipient got
// and that are not provably unreachable: the goldens do not cover them.
func (w *workspaceRun) unexercised(unreachable []Finding) []Finding {
	skip := map[string]bool{}
	for _, f := range unreachable {
		skip[f.File] = true
	}
	var out []Finding
	for _, m := range w.c.Library.All() {
		if m.Fallback() || skip[m.File] || len(w.got[m.ID]) > 0 {
			continue
		}
		line, col := lineOf(m)
		out = append(out, Finding{Rule: "module-unexercised", Severity: Info, File: m.File, Line: line, Col: col,
			Message: fmt.Sprintf("no fixture recipient gets module %s: add one to testdata/recipients/ so the goldens cover it", m.ID)})
	}
	return out
}

// tokenFindings reports tokens with no fallback on a profile field that
// some fixture receiving the file lacks, and returns every segment the
// templates and modules read.
func (w *workspaceRun) tokenFindings(recs []recipients.Record) []string {
	var segs []string
	everyone := map[string]map[string]any{}
	for _, r := range recs {
		everyone[w.c.RecipientID(r.Profile)] = r.Profile
	}
	byFile := map[string]map[string]bool{} // module file -> recipients
	for _, m := range w.c.Library.All() {
		byFile[m.File] = map[string]bool{}
		for _, id := range w.got[m.ID] {
			byFile[m.File][id] = true
		}
	}
	w.set.each(func(s *sourceFile) {
		if path.Ext(s.name) == ".css" {
			return
		}
		sc := scanSource(s.body)
		segs = append(segs, sc.segments...)
		who, isModule := byFile[s.name]
		for _, t := range sc.tokens {
			var lacking []string
			for id, p := range everyone {
				if (!isModule || who[id]) && lacks(p, t.field) {
					lacking = append(lacking, id)
				}
			}
			if len(lacking) == 0 {
				continue
			}
			f := s.finding("token-no-fallback", Warning, t.off, fmt.Sprintf(
				"%s has no fallback and some fixtures have no %s: add | default \"...\" or wrap it in {{ if }}", t.action, t.field))
			f.Recipients = lacking
			w.out = append(w.out, f)
		}
	}, "templates/", "modules/")
	for _, e := range w.c.Emails() {
		segs = append(segs, w.frontMatter(e, everyone)...)
	}
	return segs
}

// frontMatter checks the tokens of an email's subject and preheader (and
// subject test variants) against every fixture, placing findings at the
// start of the value, and returns the segments they read.
func (w *workspaceRun) frontMatter(email string, everyone map[string]map[string]any) []string {
	src, ok := w.c.Email(email)
	if !ok {
		return nil
	}
	texts := []templates.Text{src.Subject, src.Preheader}
	if src.SubjectTest != nil {
		for _, v := range slices.Sorted(maps.Keys(src.SubjectTest.Variants)) {
			texts = append(texts, src.SubjectTest.Variants[v])
		}
	}
	var segs []string
	for _, t := range texts {
		sc := scanSource(t.Src)
		segs = append(segs, sc.segments...)
		for _, tok := range sc.tokens {
			var lacking []string
			for id, p := range everyone {
				if lacks(p, tok.field) {
					lacking = append(lacking, id)
				}
			}
			if len(lacking) > 0 {
				w.out = append(w.out, Finding{Rule: "token-no-fallback", Severity: Warning, File: t.Pos.File,
					Line: t.Pos.Line, Col: t.Pos.Col, Recipients: lacking, Message: fmt.Sprintf(
						"%s has no fallback and some fixtures have no %s: add | default \"...\" or wrap it in {{ if }}", tok.action, tok.field)})
			}
		}
	}
	return segs
}
