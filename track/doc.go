// Package track measures what happens to sent emails: the signed click
// redirect and open pixel URLs of a message (tailor.yaml's tracking:),
// the machine opens and clicks that can be told apart from people's,
// and conversions attributed to the last send to their recipient.
package track
