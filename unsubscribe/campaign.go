package unsubscribe

import (
	"context"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
)

// ListOf is a campaign's mailing list, as suppressions and signed
// unsubscribe URLs name it: tailor.yaml's name, else "default".
func ListOf(c *render.Campaign) string {
	if c.Config.Name != "" {
		return c.Config.Name
	}
	return "default"
}

// Signed is c with every recipient's unsubscribe URL the one signed by
// st's key at base (else the origin of tailor.yaml's unsubscribe:), on
// the campaign's list; c itself when there is no base to sign at.
func Signed(ctx context.Context, st store.Store, c *render.Campaign, base string) (*render.Campaign, error) {
	if base == "" {
		base = Base(c.Config.Unsubscribe)
	}
	if base == "" {
		return c, nil
	}
	sg, err := StoreSigner(ctx, st)
	if err != nil {
		return nil, err
	}
	list := ListOf(c)
	return c.WithUnsubscribeURL(func(id string) string { return sg.URL(base, id, list) }), nil
}

// StoreSigner is the signer of the key st keeps (made on first use).
func StoreSigner(ctx context.Context, st store.Store) (Signer, error) {
	key, err := st.Secret(ctx, KeyName)
	if err != nil {
		return Signer{}, err
	}
	return NewSigner(key)
}
