package message

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/tailor-email/tailor/recipients"
	"github.com/tailor-email/tailor/render"
)

// A File is one file of a message in the files layout.
type File struct {
	Ext  string // the name's end: ".html", ".txt", ".amp.html" or ".json"
	Data []byte
}

// Files is m in the files layout: its HTML, text and AMP parts, each that
// is not empty, then the .json, m's Line without the parts, indented. A
// writer writes them in this order, so the .json, last, marks the
// message's files complete.
func Files(m *render.Message) ([]File, error) {
	var files []File
	for _, p := range [...]struct{ ext, body string }{{".html", m.HTML}, {".txt", m.Text}, {".amp.html", m.AMP}} {
		if p.body != "" {
			files = append(files, File{Ext: p.ext, Data: []byte(p.body)})
		}
	}
	b, err := json.MarshalIndent(filesMeta{JSON: Line(m)}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", m.ID, err)
	}
	return append(files, File{Ext: ".json", Data: append(b, '\n')}), nil
}

// FileName is the path, relative to the output folder, of the file with
// extension ext of email's message to the recipient with ID id:
// <email>/<id><ext>, each name as recipients.FileName encodes it, so no
// two recipients share one. An ID that makes no name (empty, too long) is
// an error.
func FileName(email, id, ext string) (string, error) {
	dir, err := recipients.FileName(email)
	if err != nil {
		return "", fmt.Errorf("email %q: %w", email, err)
	}
	name, err := recipients.FileName(id)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, name+ext), nil
}

// filesMeta is the .json of the files format: a JSONL line's fields but
// the bodies, which have files of their own. Each of its fields hides the
// JSON field of that name (a shallower field wins), and, nil and
// omitempty, is left out.
type filesMeta struct {
	JSON
	HTML *struct{} `json:"html,omitempty"`
	Text *struct{} `json:"text,omitempty"`
	AMP  *struct{} `json:"amp,omitempty"`
}
