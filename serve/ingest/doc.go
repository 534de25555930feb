// Package ingest applies events, and the passing of time, to the profiles
// of the audience store: for one profile, in one store transaction, the
// event's clear/merge/append rules, the appended event, the segments,
// scores and tiers evaluated again and every transition between them,
// handed to a store.TransitionSink once committed. tailor serve's event
// routes, tailor store events and tailor segments refresh share it.
package ingest
