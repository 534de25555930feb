package check

import (
	"fmt"

	"github.com/tailor-email/tailor/check/caniemail"
)

// Options configure a check.
type Options struct {
	// Clients are the caniemail client IDs to check support for, such as
	// "gmail.desktop-webmail", "apple-mail.ios", "outlook.windows". Nil
	// means caniemail.DefaultClients. An unknown ID is an error.
	Clients []string
	// ListUnsubscribe says whether the message's headers carry a
	// List-Unsubscribe header. Nil means unknown (a plain HTML file) and
	// skips the check; false gives a warning.
	ListUnsubscribe *bool
}

// documentCheck is one check over a parsed document.
type documentCheck func(d *document) []Finding

// documentChecks run on every document, in this order.
var documentChecks = []documentCheck{
	sizeFindings,
	linkFindings,
	unsubscribeFindings,
	preheaderFindings,
	altFindings,
	langFindings,
	tableFindings,
	contrastFindings,
	conditionalFindings,
}

// HTML lints one rendered HTML document; file names it in positions. It
// returns the findings sorted by position, or an error for input that is
// not HTML (binary data, no elements) or an unknown client.
func HTML(file string, doc []byte, opts Options) ([]Finding, error) {
	if err := validClients(opts.Clients); err != nil {
		return nil, err
	}
	d, err := parseDocument(file, doc)
	if err != nil {
		return nil, err
	}
	return lintDocument(d, opts)
}

// lintDocument runs every document check on a parsed document.
func lintDocument(d *document, opts Options) ([]Finding, error) {
	data, err := caniemail.Load()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.file, err)
	}
	clients, err := data.ResolveClients(opts.Clients)
	if err != nil {
		return nil, fmt.Errorf("clients: %w", err)
	}
	var fs []Finding
	for _, c := range documentChecks {
		fs = append(fs, c(d)...)
	}
	fs = append(fs, supportFindings(d, data, collectUsage(d, data), clients)...)
	if opts.ListUnsubscribe != nil && !*opts.ListUnsubscribe {
		fs = append(fs, d.finding("list-unsubscribe", Warning, -1,
			"no List-Unsubscribe header: Gmail and Yahoo require one-click unsubscribe for bulk mail"))
	}
	Sort(fs)
	return fs, nil
}
