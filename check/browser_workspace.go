package check

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/workspace"
)

// BrowserWorkspace renders every email of c for every fixture recipient
// of fsys, as Workspace does, lays each out in b at vps (nil:
// Viewports()), and returns the browser findings (see BrowserHTML),
// traced to the module, template or stylesheet that wrote the element
// and merged across recipients. A fixture that does not render is left
// to Workspace's render rule. now is the clock (zero: the campaign's).
// The warnings tailor.yaml's check.accept names are infos (see Accept).
func BrowserWorkspace(ctx context.Context, b *Browser, c *render.Campaign, fsys fs.FS, vps []Viewport, now time.Time) ([]Finding, error) {
	recs, err := recipients.FixturesWith(fsys, workspace.ReadOptions(c.Schema, c.Config))
	if err != nil {
		return nil, err
	}
	w := newWorkspaceRun(c, fsys, Options{}, now)
	for _, email := range c.Emails() {
		for _, r := range recs {
			msg, err := c.Render(ctx, render.Request{Email: email, Profile: r.Profile, Now: now, DataErrors: r.DataErrors})
			if err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				continue
			}
			fs, err := w.browser(ctx, b, email, msg, vps)
			if err != nil {
				return nil, fmt.Errorf("email %s, recipient %s: %w", email, c.RecipientID(r.Profile), err)
			}
			for _, f := range fs {
				w.add(c.RecipientID(r.Profile), f)
			}
		}
	}
	return Accept(c, merge(w.out))
}

// BrowserMessage returns the browser findings of one message rendered
// from email of the workspace c read from fsys (as preview renders it for
// a recipient), traced to the file that wrote each element.
func BrowserMessage(ctx context.Context, b *Browser, c *render.Campaign, fsys fs.FS, email string, msg *render.Message, vps []Viewport) ([]Finding, error) {
	fs, err := newWorkspaceRun(c, fsys, Options{}, time.Time{}).browser(ctx, b, email, msg, vps)
	if err != nil {
		return nil, err
	}
	Sort(fs)
	return Accept(c, fs)
}

// browser lays msg out in b and traces what it finds.
func (w *workspaceRun) browser(ctx context.Context, b *Browser, email string, msg *render.Message, vps []Viewport) ([]Finding, error) {
	src, ok := w.c.Email(email)
	if !ok {
		return nil, fmt.Errorf("no email %s", email)
	}
	d, err := parseDocument(src.File, []byte(msg.HTML))
	if err != nil {
		return nil, err
	}
	fs, err := b.lint(ctx, d, vps)
	if err != nil {
		return nil, err
	}
	files := w.filesOf(src, msg)
	for i := range fs {
		fs[i] = w.tr.trace(d, fs[i], files, src.File)
	}
	return fs, nil
}
