package track

import (
	"context"
	"net/url"
	"strings"

	"github.com/tailor-email/tailor/store"
	"github.com/tailor-email/tailor/unsubscribe"
	"github.com/tailor-email/tailor/workspace"
)

// KeyName is the name of the store's secret that signs tracking URLs.
const KeyName = "tracking"

// The paths tailor serve answers: ClickPath{message}/{sig}?u=URL
// redirects to URL, OpenPath{message}/{sig} is the open pixel.
const (
	ClickPath = workspace.ClickPath
	OpenPath  = "/t/o/"
)

// Signer signs and checks tracking URLs with one key. A click URL's
// signature covers the message and the target, so that neither can be
// changed: the redirect goes nowhere tailor did not write.
type Signer struct{ s unsubscribe.Signer }

// NewSigner returns a Signer with key (at least 16 bytes).
func NewSigner(key []byte) (Signer, error) {
	s, err := unsubscribe.NewSigner(key)
	return Signer{s}, err
}

// StoreSigner is the signer of the key st keeps (made on first use).
func StoreSigner(ctx context.Context, st store.Store) (Signer, error) {
	key, err := st.Secret(ctx, KeyName)
	if err != nil {
		return Signer{}, err
	}
	return NewSigner(key)
}

func (s Signer) clickSig(mid, target string) string { return s.s.Sign(mid, "click\x00"+target) }
func (s Signer) openSig(mid string) string          { return s.s.Sign(mid, "open") }

// ClickURL is the signed redirect to target for message mid at base.
func (s Signer) ClickURL(base, mid, target string) string {
	return base + ClickPath + url.PathEscape(mid) + "/" + s.clickSig(mid, target) + "?u=" + url.QueryEscape(target)
}

// OpenURL is the signed open pixel of message mid at base.
func (s Signer) OpenURL(base, mid string) string {
	return base + OpenPath + url.PathEscape(mid) + "/" + s.openSig(mid) + ".gif"
}

// ValidClick says whether sig signs (mid, target), in constant time.
func (s Signer) ValidClick(mid, sig, target string) bool {
	return s.s.Valid(mid, "click\x00"+target, sig)
}

// ValidOpen says whether sig signs the open pixel of mid.
func (s Signer) ValidOpen(mid, sig string) bool {
	return s.s.Valid(mid, "open", strings.TrimSuffix(sig, ".gif"))
}
