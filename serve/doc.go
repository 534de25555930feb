// Package serve is tailor's render API, "tailor serve": a JSON HTTP server
// that renders an email at the moment something happens, from the profile
// as it is then, so a segment is never stale.
//
// Routes:
//
//	POST /v1/render          {template, profile, now?, format?: json|eml}
//	POST /v1/render/batch    {template, profiles: [...], now?}: one result each
//	POST /v1/events/{name}   {profile, event, now?}: tailor.yaml's events:
//	                         merges the event into the profile and renders
//	GET  /healthz            the build in use and the last rebuild's error
//	GET  /metrics            Prometheus text format
//
// Its one job is HTTP: decoding strictly, authorizing, bounding and timing
// requests, and mapping outcomes to status codes (4xx for bad input with a
// JSON body naming the field or template position, 422 for a recipient
// whose render fails). Rendering is the engine's (package render), the
// workspace and its hot reload are package reload's, the event merge is
// package serve/events', and .eml files are package mime's.
//
// With a store it also sends the triggers' jobs when they are due
// (RunJobs): which jobs exist is package trigger's and the store's; the
// server re-checks each recipient, renders and delivers as an event does.
package serve
