// Command gen trims caniemail.com's data.json to what tailor check needs:
// for each feature its slug, title, category, keywords, notes and the
// current support code per client ("family.platform"), and writes it as
// check/caniemail/data.json.
//
// Run it with "go generate ./check/caniemail/". The input is the derived
// caniemail JSON under $TAILOR_PEERS (default ../shared/peers beside the
// repository).
package main
