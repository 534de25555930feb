package templates

import (
	"strings"
	"testing"
	"testing/fstest"
)

// set is a workspace's templates: a layout, a partial and an email.
func set() fstest.MapFS {
	return fstest.MapFS{
		"templates/layouts/base.html":    {Data: []byte("<html><head></head><body>{{ template \"content\" . }}{{ template \"footer\" . }}</body></html>\n")},
		"templates/partials/footer.html": {Data: []byte("<p>Bye</p>\n")},
		"templates/hello.html":           {Data: []byte("---\nsubject: Hi\n---\n<p>Hello</p>\n")},
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	for _, tc := range []struct {
		name, file, content, want string
	}{
		{"an empty layout", "templates/layouts/base.html", "",
			`templates/layouts/base.html:1:1: the layout has no {{ template "content" . }}`},
		{"a layout without the content", "templates/layouts/base.html", "<html><head></head><body></body></html>",
			`templates/layouts/base.html:1:1: the layout has no {{ template "content" . }}`},
		{"binary in a partial", "templates/partials/footer.html", "<p>\x00</p>",
			"templates/partials/footer.html:1:4: binary content: a NUL byte"},
		{"invalid UTF-8 in an email", "templates/hello.html", "---\nsubject: Hi\n---\n<p>\xff</p>\n",
			"templates/hello.html:4:4: binary content: invalid UTF-8"},
		{"a partial included a thousand times", "templates/hello.html",
			"---\nsubject: Hi\n---\n" + strings.Repeat(`{{ template "big" . }}`, 1000) + "\n",
			"templates/partials/big.html:1:1: the email's document passes 262144 bytes here, with its layout and partials put in (layout -> content -> big)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := set()
			ws[tc.file] = &fstest.MapFile{Data: []byte(tc.content)}
			ws["templates/partials/big.html"] = &fstest.MapFile{Data: []byte(strings.Repeat("<p>big</p>\n", 100))}
			_, err := Load(ws, Funcs(Defaults{}), 0)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one starting %q", err, tc.want)
			}
		})
	}
}

// TestEmptyFilesLoad checks that an empty partial is a partial, and an
// empty email body a body: neither is "not found".
func TestEmptyFilesLoad(t *testing.T) {
	ws := set()
	ws["templates/partials/footer.html"] = &fstest.MapFile{Data: nil}
	ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: Hi\n---\n")}
	s, err := Load(ws, Funcs(Defaults{}), 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := Join(s.Emails[0].Pieces); got != "<html><head></head><body></body></html>\n" {
		t.Errorf("document %q", got)
	}
}

func TestFrontMatterBound(t *testing.T) {
	ws := set()
	ws["templates/hello.html"] = &fstest.MapFile{Data: []byte("---\nsubject: \"" + strings.Repeat("x", 3000) + "\"\n---\n<p>Hello</p>\n")}
	if _, err := Load(ws, Funcs(Defaults{}), 0); err != nil {
		t.Fatalf("within the default bound: %v", err)
	}
	_, err := Load(ws, Funcs(Defaults{}), 2048)
	if err == nil || !strings.HasPrefix(err.Error(), "templates/hello.html:2:1: YAML of 3012 bytes, over the limit of 2048 bytes (limits.max_front_matter in tailor.yaml)") {
		t.Fatalf("err = %v", err)
	}
}
