// Package unsubscribe signs and checks one-click unsubscribe URLs (RFC
// 8058): a URL carries the recipient's ID, the list and an HMAC-SHA256 of
// both under a key the audience store keeps, so that nobody but tailor
// can make a URL that unsubscribes an ID. Its one job is that signature.
package unsubscribe
