package message

import (
	"net/mail"
	"slices"
	"strings"

	"github.com/tailor-email/tailor/render"
	"github.com/tailor-email/tailor/store"
)

// Send is m's entry in the send log: its Message-ID (see ID), recipient,
// address and what the engine chose for them, sent at m.Date, as part of
// campaign (the workspace's name, a trigger's or an event's).
func Send(m *render.Message, campaign string) store.Send {
	email := m.To
	if a, err := mail.ParseAddress(m.To); err == nil {
		email = a.Address
	}
	return store.Send{
		MessageID: ID(m), Recipient: m.ID, Email: strings.ToLower(email), Template: m.Template,
		Campaign: campaign, At: m.Date.UTC(), Segments: slices.Clone(m.Segments),
		Tiers: m.Tiers, Modules: m.Modules, Variants: m.Variants, Propensity: m.Propensity,
	}
}
