package track

import (
	"context"
	"strings"

	"github.com/tailor-email/tailor/message"
	"github.com/tailor-email/tailor/render"
)

// Message gives m its tracking (Links in every part, the Pixel in the
// HTML), for its Message-ID (message.ID). htmlJSON, when not nil, is the
// JSON form of the HTML the renderer appended (see
// render.Request.HTMLJSON), given the same; the result replaces it.
func (s Settings) Message(m *render.Message, sg *Signer, htmlJSON []byte) []byte {
	return s.MessageAs(m, message.ID(m), sg, htmlJSON)
}

// MessageAs is Message for a message sent under the Message-ID mid
// instead of its own (a trigger's job has its own).
func (s Settings) MessageAs(m *render.Message, mid string, sg *Signer, htmlJSON []byte) []byte {
	if !s.On() {
		return htmlJSON
	}
	f := Finisher{Settings: s, Signer: sg, MessageID: mid}
	m.HTML, m.Text, m.AMP = f.Pixel(f.Links(m.HTML)), f.Links(m.Text), f.Links(m.AMP)
	if len(htmlJSON) < 2 {
		return htmlJSON
	}
	j := f.Links(string(htmlJSON))
	if f.Opens && f.Signer != nil && !strings.Contains(strings.ToLower(j), "</body>") {
		// the pixel goes inside the string's closing quote
		return []byte(f.Pixel(j[:len(j)-1]) + `"`)
	}
	return []byte(f.Pixel(j))
}

// Renderer renders one recipient; *render.Campaign is one.
type Renderer interface {
	Render(context.Context, render.Request) (*render.Message, error)
}

// Tracked wraps r so that every message it renders gets its tracking
// (Settings.Message); r itself when tracking is off.
func Tracked(r Renderer, s Settings, sg *Signer) Renderer {
	if !s.On() {
		return r
	}
	return tracked{r, s, sg}
}

type tracked struct {
	r  Renderer
	s  Settings
	sg *Signer
}

func (t tracked) Render(ctx context.Context, req render.Request) (*render.Message, error) {
	html, amp := jsonLen(req.HTMLJSON), jsonLen(req.AMPJSON)
	m, err := t.r.Render(ctx, req)
	if err != nil {
		return m, err
	}
	if html < 0 || len(*req.HTMLJSON) == html {
		t.s.Message(m, t.sg, nil)
	} else {
		j := t.s.Message(m, t.sg, (*req.HTMLJSON)[html:])
		*req.HTMLJSON = append((*req.HTMLJSON)[:html], j...)
	}
	if amp >= 0 && len(*req.AMPJSON) > amp { // the AMP part's links (no pixel: AMP has its own)
		f := Finisher{Settings: t.s, Signer: t.sg, MessageID: message.ID(m)}
		j := f.Links(string((*req.AMPJSON)[amp:]))
		*req.AMPJSON = append((*req.AMPJSON)[:amp], j...)
	}
	return m, nil
}

// jsonLen is the length of the buffer b points to; -1 for none.
func jsonLen(b *[]byte) int {
	if b == nil {
		return -1
	}
	return len(*b)
}
