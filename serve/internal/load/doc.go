// Package load is a small closed-loop HTTP load generator for the render
// API's tests: a fixed number of workers POST request bodies in turn for a
// fixed time, and it reports throughput, latency quantiles and errors.
package load
