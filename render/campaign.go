package render

import (
	"errors"
	"io/fs"
	"maps"
	"slices"
	"sort"
	"strings"
	texttemplate "text/template"
	"text/template/parse"
	"time"

	"github.com/tailor-email/tailor/modules"
	"github.com/tailor-email/tailor/schema"
	"github.com/tailor-email/tailor/segment"
	"github.com/tailor-email/tailor/sendtime"
	"github.com/tailor-email/tailor/templates"
	"github.com/tailor-email/tailor/text"
	"github.com/tailor-email/tailor/workspace"
)

// Campaign is a compiled workspace. It is immutable and safe for
// concurrent use by any number of Render calls.
type Campaign struct {
	Config  *workspace.Config
	Rules   *segment.Rules
	Library *modules.Library
	// Schema types the recipients' profiles where they are read (nil
	// when the workspace has no schema.yaml): see workspace.ReadOptions.
	Schema *schema.Schema
	emails []*email
	funcs  map[string]any
	now    time.Time // the fixed clock, or zero for the wall clock
	progs  programs  // templates compiled for the executor
	// reference makes renders run html/template and text/template, for
	// the tests that compare the executor with them.
	reference bool
	timeout   time.Duration
	// textLinks is where the text part writes the urls of links
	// (tailor.yaml's text.links).
	textLinks text.Links
	unsub     *texttemplate.Template
	// unsubURL, when set, makes the unsubscribe URL of a recipient with
	// an ID in place of unsub (WithUnsubscribeURL).
	unsubURL func(id string) string
	// segments are the segment names, sorted, as a message lists those
	// its recipient is in.
	segments []string
	// modulesInSlot counts the modules (once per email) compiled without
	// the rest of the document (see compileInSlot).
	modulesInSlot int
	// skipAMPValidation leaves AMP parts unvalidated (a benchmark's option).
	skipAMPValidation bool
	// sendTime picks send times (tailor.yaml's send_time); nil without.
	sendTime *sendtime.Planner
	// selects are the slots whose module a model chooses (tailor.yaml's
	// slots), by slot.
	selects map[string]*slotSelect
}

// email is one compiled email of the campaign.
type email struct {
	src       *templates.Email
	doc       *part
	slots     []string                    // slot names, in document order
	modules   map[string]map[string]*part // slot -> module ID -> compiled in this email
	subject   *texttemplate.Template
	preheader *texttemplate.Template
	variants  map[string]*texttemplate.Template // subject per variant of SubjectTest
	amp       *ampPart                          // nil unless the email has amp: true
	// inlineSlots and inlineTextSlots say the document's HTML (text) only
	// prints its slots, so they are rendered where it prints them (see
	// lazySlot).
	inlineSlots, inlineTextSlots bool
}

// Option configures Compile.
type Option func(*loadOptions)

type loadOptions struct {
	naive             bool
	wholeDocument     bool // compile every module in the whole document (see compileInSlot)
	now               time.Time
	skipAMPValidation bool
}

// WithoutInlining compiles templates without inlining their CSS. It gives
// the reference "render, then inline" path that tests and benchmarks
// compare the engine with; nothing else should use it.
func WithoutInlining() Option { return func(o *loadOptions) { o.naive = true } }

// WithNow fixes the campaign's clock, overriding tailor.yaml's now; the
// zero time leaves it.
func WithNow(t time.Time) Option { return func(o *loadOptions) { o.now = t } }

// Load reads the workspace in fsys (workspace.Load) and compiles it.
func Load(fsys fs.FS, opts ...Option) (*Campaign, error) {
	ws, err := workspace.Load(fsys)
	if err != nil {
		return nil, err
	}
	return Compile(ws, opts...)
}

// Compile compiles a workspace into a Campaign: every email with each
// module of each slot in its place, the CSS inlined. It reads nothing: ws
// holds every file, and it is left as it is.
func Compile(ws *workspace.Workspace, opts ...Option) (*Campaign, error) {
	var o loadOptions
	for _, opt := range opts {
		opt(&o)
	}
	c := &Campaign{Config: ws.Config, Rules: ws.Rules, Library: ws.Modules, Schema: ws.Schema}
	if err := c.setup(o); err != nil {
		return nil, err
	}
	c.segments = c.Rules.Segments()
	sort.Strings(c.segments)
	css, err := compileStyles(ws.Styles)
	if err != nil {
		return nil, err
	}
	comp := &compiler{funcs: c.funcs, naive: o.naive, css: css, limits: loadLimits{c.Config.Limits, c.timeout},
		bounds: c.funcBounds(), wholeDocument: o.wholeDocument}
	emails := make([]*email, len(ws.Templates.Emails))
	errs := make([]error, len(emails))
	each(len(emails), func(i int) error { // the emails across cores
		emails[i], errs[i] = c.compileEmail(comp, ws.Templates.Emails[i])
		return nil
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	c.emails, c.modulesInSlot = emails, int(comp.inSlot.Load())
	if err := c.checkModules(); err != nil {
		return nil, err
	}
	if err := c.compilePrograms(); err != nil {
		return nil, err
	}
	return c, nil
}

// setup makes the function set with tailor.yaml's defaults, and parses the
// unsubscribe URL's template.
func (c *Campaign) setup(o loadOptions) error {
	c.timeout, c.now = c.Config.Timeout(), c.Config.Clock()
	c.textLinks = c.Config.TextLinks()
	c.skipAMPValidation = o.skipAMPValidation
	if !o.now.IsZero() {
		c.now = o.now
	}
	c.funcs = templates.Funcs(templates.Defaults{
		Locale: c.Config.Locale, Currency: c.Config.Currency, TimeZone: c.Config.Location(), UTM: c.Config.UTM,
		Track: c.Config.ClickPrefix(),
	})
	c.funcs["tailorURL"] = textURL // see dropUnsafeURLs
	if err := c.setupSendTime(); err != nil {
		return err
	}
	if err := c.setupSelects(); err != nil {
		return err
	}
	if c.Config.Unsubscribe != "" {
		var err error
		if c.unsub, err = parseUnsubscribe(c.Config.Unsubscribe, c.funcs); err != nil {
			return c.Config.ErrorAt("$.unsubscribe", "unsubscribe: %v", err)
		}
	}
	return nil
}

// compileEmail compiles the email document and every module of every slot
// it uses, each inlined in its place in the document.
func (c *Campaign) compileEmail(comp *compiler, e *templates.Email) (*email, error) {
	ce := &email{src: e, modules: map[string]map[string]*part{}}
	pieces, err := withPreheader(e)
	if err == nil {
		pieces, err = withStyles(pieces, comp.css, "templates/layouts/"+e.Layout+".html")
	}
	if err != nil {
		return nil, err
	}
	var slotAt []int
	for i, p := range pieces {
		if name, ok := templates.FieldRef(p, "Slots"); ok {
			if c.Library.Modules(name) == nil {
				return nil, posError(p.Pos, "slot %q has no modules (want modules/%s/*.md or *.html)", name, name)
			}
			ce.slots = append(ce.slots, name)
			slotAt = append(slotAt, i)
		}
	}
	if err := c.compileParts(comp, ce, pieces, slotAt); err != nil {
		return nil, err
	}
	var htmlTrees, textTrees []*parse.Tree
	for _, t := range ce.doc.html.Templates() {
		htmlTrees = append(htmlTrees, t.Tree)
	}
	for _, t := range ce.doc.text.Templates() {
		textTrees = append(textTrees, t.Tree)
	}
	ce.inlineSlots, ce.inlineTextSlots = slotsOnlyPrinted(htmlTrees), slotsOnlyPrinted(textTrees)
	if e.AMP {
		if ce.amp, err = c.compileAMP(comp, ce, pieces, slotAt); err != nil {
			return nil, err
		}
	}
	return ce, c.compileHeaders(ce)
}

// compileParts compiles the email's document, then every module of its
// slots across cores: in batches without the rest of the document where
// it can (compileInSlot), the others in the whole document, with the
// errors of a loop over them in order.
func (c *Campaign) compileParts(comp *compiler, ce *email, pieces []templates.Piece, slotAt []int) error {
	doc, slots, err := comp.compileDoc(ce.src.Name, pieces, slotAt)
	if err != nil {
		return err
	}
	type batch struct {
		ks   []int // each module's slot, its index in ce.slots
		mods []*modules.Module
	}
	var batches []batch
	var cur batch
	for k, slot := range ce.slots {
		for _, m := range c.Library.Modules(slot) {
			cur.ks, cur.mods = append(cur.ks, k), append(cur.mods, m)
			if len(cur.mods) == inSlotBatch {
				batches, cur = append(batches, cur), batch{}
			}
		}
	}
	if len(cur.mods) > 0 {
		batches = append(batches, cur)
	}
	parts := make([][]*part, len(batches))
	each(len(batches), func(b int) error {
		mods := make([]slotModule, len(batches[b].mods))
		for i, m := range batches[b].mods {
			mods[i] = slotModule{slot: slotAt[batches[b].ks[i]], name: m.ID, pieces: m.Pieces}
		}
		parts[b] = comp.compileInSlot(pieces, mods, slots)
		return nil
	})
	type job struct{ b, i int }
	var rest []job
	for b := range batches {
		for i, p := range parts[b] {
			if p == nil {
				rest = append(rest, job{b, i})
			}
		}
	}
	if err := each(len(rest), func(r int) (err error) {
		j := rest[r]
		m := batches[j.b].mods[j.i]
		parts[j.b][j.i], err = comp.compileSlot(m.ID, pieces, slotAt[batches[j.b].ks[j.i]], m.Pieces)
		return err
	}); err != nil {
		return err
	}
	ce.doc = doc
	for _, slot := range ce.slots {
		ce.modules[slot] = map[string]*part{}
	}
	for b, bt := range batches {
		for i, m := range bt.mods {
			ce.modules[ce.slots[bt.ks[i]]][m.ID] = parts[b][i]
		}
	}
	return nil
}

func (c *Campaign) compileHeaders(ce *email) error {
	e := ce.src
	var err error
	if ce.subject, err = parseText(e.Name+":subject", e.Subject.Src, c.funcs); err != nil {
		return posError(e.Subject.Pos, "subject: %v", err)
	}
	if ce.preheader, err = parseText(e.Name+":preheader", e.Preheader.Src, c.funcs); err != nil {
		return posError(e.Preheader.Pos, "preheader: %v", err)
	}
	if e.SubjectTest == nil {
		return nil
	}
	if !c.Config.HasExperiment(e.SubjectTest.Experiment) {
		return posError(e.Subject.Pos, "subject_test: experiment %q is not in tailor.yaml", e.SubjectTest.Experiment)
	}
	ce.variants = map[string]*texttemplate.Template{}
	for v, t := range e.SubjectTest.Variants {
		if ce.variants[v], err = parseText(e.Name+":subject:"+v, t.Src, c.funcs); err != nil {
			return posError(t.Pos, "subject_test variant %s: %v", v, err)
		}
	}
	return nil
}

// checkModules reports modules whose slot no email uses, segments that
// segments.yaml does not define, and experiments tailor.yaml does not have.
func (c *Campaign) checkModules() error {
	used := map[string]bool{}
	for _, e := range c.emails {
		for _, s := range e.slots {
			used[s] = true
		}
	}
	known := map[string]bool{}
	for _, s := range c.Rules.Segments() {
		known[s] = true
	}
	var errs []error
	for _, m := range c.Library.All() {
		if !used[m.Slot] {
			errs = append(errs, m.Pos("slot").At("unknown slot %q: no email has {{ .Slots.%s }} (slots: %s)",
				m.Slot, m.Slot, strings.Join(slices.Sorted(maps.Keys(used)), ", ")))
		}
		for _, s := range m.Segments {
			if !known[s] {
				errs = append(errs, m.Pos("segments").At("unknown segment %q (segments.yaml has: %s)",
					s, strings.Join(c.Rules.Segments(), ", ")))
			}
		}
		if m.Experiment != "" && !c.Config.HasExperiment(m.Experiment) {
			errs = append(errs, m.Pos("experiment").At("experiment %q is not in tailor.yaml", m.Experiment))
		}
	}
	return errors.Join(errs...)
}

// Emails returns the names of the campaign's emails, sorted.
func (c *Campaign) Emails() []string {
	names := make([]string, len(c.emails))
	for i, e := range c.emails {
		names[i] = e.src.Name
	}
	return names
}

// Email returns the source of a named email.
func (c *Campaign) Email(name string) (*templates.Email, bool) {
	e, ok := c.email(name)
	if !ok {
		return nil, false
	}
	return e.src, true
}

// Slots returns the slots an email uses, in document order.
func (c *Campaign) Slots(name string) []string {
	e, _ := c.email(name)
	if e == nil {
		return nil
	}
	return e.slots
}

func (c *Campaign) email(name string) (*email, bool) {
	for _, e := range c.emails {
		if e.src.Name == name {
			return e, true
		}
	}
	return nil, false
}
