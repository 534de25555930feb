// Package mime packages one rendered email as an RFC 5322 message with a
// MIME multipart/alternative body: the .eml that batch render writes and
// that the SMTP sender (package smtp) delivers.
//
// Its one job is turning a Message (addresses, subject, date, bodies) into
// bytes. It knows nothing of templates, recipients or workspaces.
//
// # Output
//
// Parts come in the order text/plain, text/x-amp-html (only when Message.AMP
// is set), text/html: the last is the one clients prefer. Each body is
// quoted-printable, or base64 when more than a fifth of its bytes are
// non-ASCII (base64 is then the smaller encoding). Line breaks in bodies
// (LF, CR or CRLF) are carried as CRLF, the canonical form of RFC 2045, so a
// reader that turns CRLF back into LF gets each field byte for byte. No line
// of the message is longer than 998 bytes; body lines are at most 76.
//
// # Headers
//
// CR and LF never reach a header. The policy is:
//
//   - Subject is free text: every run of control characters (CR, LF, tab and
//     the other C0 controls, DEL) becomes one space, invalid UTF-8 becomes
//     U+FFFD, and leading and trailing spaces are dropped (CleanText).
//     "Hi\r\nBcc: victim@x" therefore becomes the harmless subject
//     "Hi Bcc: victim@x".
//   - Every structured value (From, To, Message-ID, List-Unsubscribe and the
//     extra Headers) is rejected with a *FieldError wrapping ErrControl when it
//     holds a control character: a newline in an address or URL is a bug or
//     an attack, never something to repair silently.
//
// Non-ASCII text is RFC 2047-encoded (Q, or B when most bytes need escaping)
// and folded so that header lines stay within 78 bytes where the content
// allows and never exceed 998. Addresses are parsed with net/mail and
// re-formatted, which encodes non-ASCII display names. A non-ASCII local part
// or domain is kept as UTF-8 (RFC 6532): such a message needs an SMTPUTF8
// server, which package smtp asks for on its own.
//
// # Determinism
//
// The same Message always gives the same bytes: the Message-ID, when not
// given, is a hash of (From, To, Subject, Date) at the From domain, and the
// multipart boundary is a hash of the Message-ID and the bodies. The
// boundary contains "=_", which neither quoted-printable nor base64 output
// can contain, so it can never collide with a body line.
//
// # Cost
//
// Write and Append are safe for concurrent use. They build the message in a
// pooled buffer; with a plain ASCII To address they make two small
// allocations (the To header and the Message-ID), so a batch render can call
// them once per recipient. A non-ASCII To display name goes through
// net/mail, about 20 allocations more.
//
// Package mimetest reads the output back and compares it with the Message;
// tests of anything that writes .eml files can use it.
package mime
