// Package mimetest reads a message written by package mime back with the
// standard library (net/mail, mime/multipart, quoted-printable and base64
// decoding) and reports every way it differs from the Message it came from.
//
// It serves the tests of package mime, of the SMTP sender, and of any
// command that writes .eml files (batch render), so they all check the same
// thing the same way.
package mimetest
