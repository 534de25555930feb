// Package esp reads the events email service providers report (Amazon
// SES through SNS, SendGrid's event webhook, Postmark's webhooks,
// Mailgun's webhooks, and their exports) as the send log's outcomes:
// delivered, open, click, bounce, complaint and unsubscribe, each under
// the Message-ID that joins it to the send that tailor logged.
package esp
