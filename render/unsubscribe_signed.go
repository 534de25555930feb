package render

// WithUnsubscribeURL returns a copy of the campaign whose messages carry
// url(ID) as the recipient's unsubscribe URL (in List-Unsubscribe and as
// .Unsubscribe), in place of what tailor.yaml's unsubscribe: template
// makes: the signed one-click URL of a store's server. A recipient
// without an ID keeps the template's URL. The campaign itself is
// unchanged.
func (c *Campaign) WithUnsubscribeURL(url func(id string) string) *Campaign {
	cc := *c
	cc.unsubURL = url
	return &cc
}
