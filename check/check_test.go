package check

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// goodEmail is a well-built email: every non-caniemail rule passes.
const goodEmail = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Order</title>
<style>
@media (prefers-color-scheme: dark) { .card { background-color: #111111 !important; color: #eeeeee !important; } .link { color: #99ccff !important; } }
</style>
</head>
<body>
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">Your order has shipped&zwnj;&nbsp;&zwnj;&nbsp;</div>
<!--[if mso]><table role="presentation"><tr><td><![endif]-->
<table role="presentation" width="600"><tr>
<td class="card" style="color:#333333;background-color:#ffffff">Hello, your order is on its way.
<img src="https://example.com/logo.png" alt="">
<a href="https://example.com/unsubscribe" class="link" style="color:#0000ee">Unsubscribe</a></td>
</tr></table>
<!--[if mso]></td></tr></table><![endif]-->
</body></html>
`

// lint runs HTML on doc and fails the test on error.
func lint(t *testing.T, doc string, opts Options) []Finding {
	t.Helper()
	fs, err := HTML("t.html", []byte(doc), opts)
	if err != nil {
		t.Fatalf("HTML: %v", err)
	}
	return fs
}

// own drops the client-support findings.
func own(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if !strings.HasPrefix(f.Rule, "caniemail/") {
			out = append(out, f)
		}
	}
	return out
}

func TestGoodEmailHasNoOwnFindings(t *testing.T) {
	if fs := own(lint(t, goodEmail, Options{})); len(fs) != 0 {
		t.Errorf("findings on a good email:\n%s", text(fs))
	}
}

func text(fs []Finding) string {
	var b strings.Builder
	if err := FormatText(&b, fs); err != nil {
		return err.Error()
	}
	return b.String()
}

// TestRules changes goodEmail in one place and expects one finding.
func TestRules(t *testing.T) {
	no := false
	tests := []struct {
		name     string
		old, new string
		opts     Options
		rule     string
		sev      Severity
		line     int // 0: about the whole file
		contains string
	}{
		{"missing alt", `alt=""`, ``, Options{}, "img-alt", Error, 13, "logo.png"},
		{"no lang", `<html lang="en">`, `<html>`, Options{}, "html-lang", Warning, 2, "no lang"},
		{"layout table without role", `<table role="presentation" width="600">`, `<table width="600">`, Options{}, "table-role", Warning, 11, "1 of 1 tables"},
		{"http image", `https://example.com/logo.png`, `http://example.com/logo.png`, Options{}, "link-insecure", Warning, 13, "image over plain http"},
		{"relative image", `https://example.com/logo.png`, `images/logo.png`, Options{}, "link-relative", Error, 13, `"images/logo.png"`},
		{"relative link", `https://example.com/unsubscribe`, `/unsubscribe`, Options{}, "link-relative", Error, 14, "not absolute"},
		{"empty link", `<img src`, `<a href="#">x</a><img src`, Options{}, "link-empty", Warning, 13, `href="#"`},
		{"empty href", `<img src`, `<a href="">x</a><img src`, Options{}, "link-empty", Warning, 13, `href=""`},
		{"no unsubscribe", `https://example.com/unsubscribe" class="link" style="color:#0000ee">Unsubscribe`, `https://example.com/help">Help`, Options{}, "unsubscribe", Error, 0, "no unsubscribe link"},
		{"no preheader", ` style="display:none;max-height:0;overflow:hidden;mso-hide:all"`, ``, Options{}, "preheader", Warning, 8, "no preheader"},
		{"long preheader", `Your order has shipped`, strings.Repeat("word ", 31), Options{}, "preheader", Warning, 9, "154 characters"},
		{"unclosed conditional", `</body>`, `<!--[if !mso]><!--><p>x</p></body>`, Options{}, "mso-conditional", Error, 17, "never closed"},
		{"stray endif", `</body>`, `<!--<![endif]--></body>`, Options{}, "mso-conditional", Error, 17, "closes no"},
		{"low contrast", `color:#333333`, `color:#999999`, Options{}, "contrast", Warning, 12, "2.85:1"},
		{"low dark contrast", `color: #eeeeee`, `color: #222222`, Options{}, "contrast-dark", Warning, 12, "in dark mode"},
		{"no List-Unsubscribe", ``, ``, Options{ListUnsubscribe: &no}, "list-unsubscribe", Warning, 0, "List-Unsubscribe"},
		{"near clip size", `</body>`, "<!--" + strings.Repeat("x", 90*1024) + "--></body>", Options{}, "gmail-clip", Warning, 0, "close to Gmail"},
		{"clipped", `</body>`, "<!--" + strings.Repeat("x", 102*1024) + "--></body>", Options{}, "gmail-clip", Error, 0, "Gmail clips"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := strings.Replace(goodEmail, tt.old, tt.new, 1)
			if doc == goodEmail && tt.old != "" {
				t.Fatalf("test edit %q not found", tt.old)
			}
			fs := own(lint(t, doc, tt.opts))
			if len(fs) != 1 {
				t.Fatalf("want one finding %s, got %d:\n%s", tt.rule, len(fs), text(fs))
			}
			f := fs[0]
			if f.Rule != tt.rule || f.Severity != tt.sev || f.Line != tt.line || !strings.Contains(f.Message, tt.contains) {
				t.Errorf("got %s %s line %d %q; want %s %s line %d containing %q",
					f.Rule, f.Severity, f.Line, f.Message, tt.rule, tt.sev, tt.line, tt.contains)
			}
		})
	}
}

func TestPreheaderHiding(t *testing.T) {
	for _, style := range []string{
		`style="display:none"`, `style="visibility:hidden"`, `style="opacity:0;color:transparent"`,
		`style="font-size:0px"`, `style="max-height:0px;overflow:hidden"`, `class="pre"`,
	} {
		doc := strings.Replace(goodEmail, `style="display:none;max-height:0;overflow:hidden;mso-hide:all"`, style, 1)
		doc = strings.Replace(doc, "</style>", ".pre { display: none }</style>", 1)
		if fs := own(lint(t, doc, Options{})); len(fs) != 0 {
			t.Errorf("preheader %s: %s", style, text(fs))
		}
	}
}

func TestDynamicURLsAreSkipped(t *testing.T) {
	for _, url := range []string{"*|UNSUB|*", "{{ .UnsubscribeURL }}", "{% unsubscribe %}", "%%unsub%%"} {
		doc := strings.Replace(goodEmail, "https://example.com/unsubscribe", url, 1)
		if fs := own(lint(t, doc, Options{})); len(fs) != 0 {
			t.Errorf("href %q: %s", url, text(fs))
		}
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want error
	}{
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", errNotHTML},
		{"invalid utf-8", "<p>\xff\xfe</p>", errNotHTML},
		{"plain text", "just some words, no markup", errNotHTML},
		{"empty", "", errNotHTML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := HTML("bad.html", []byte(tt.doc), Options{})
			if !errors.Is(err, tt.want) {
				t.Errorf("HTML = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestUnknownClient(t *testing.T) {
	_, err := HTML("t.html", []byte(goodEmail), Options{Clients: []string{"gmail.ios", "lotus-notes"}})
	if err == nil || !strings.Contains(err.Error(), `"lotus-notes"`) || !strings.Contains(err.Error(), "gmail.desktop-webmail") {
		t.Errorf("err = %v, want unknown client listing the valid ones", err)
	}
}

// TestSupportFinding checks one finding per feature, its severity,
// clients and quoted note, against known caniemail results.
func TestSupportFinding(t *testing.T) {
	doc := strings.Replace(goodEmail, `<td class="card"`, `<td style="display:flex"><div style="display:flex">x</div></td><td class="card"`, 1)
	clients := []string{"outlook.windows", "gmail.ios", "apple-mail.macos"}
	var flex []Finding
	for _, f := range lint(t, doc, Options{Clients: clients}) {
		if f.Rule == "caniemail/css-display-flex" {
			flex = append(flex, f)
		}
	}
	if len(flex) != 1 {
		t.Fatalf("want one css-display-flex finding, got %d", len(flex))
	}
	f := flex[0]
	want := Finding{Rule: "caniemail/css-display-flex", Severity: Warning, File: "t.html", Line: 12, Col: 1, Support: "n",
		Clients: []string{"outlook.windows", "gmail.ios"}}
	if f.Severity != want.Severity || f.Line != want.Line || f.Col != want.Col || f.Support != want.Support ||
		fmt.Sprint(f.Clients) != fmt.Sprint(want.Clients) {
		t.Errorf("got %+v\nwant %+v", f, want)
	}
	if !strings.Contains(f.Note, `Gmail iOS: "Not supported with non Google accounts."`) {
		t.Errorf("note %q does not quote caniemail", f.Note)
	}
}
