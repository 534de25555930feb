// Package storetest is the conformance suite every store.Store
// implementation passes: Run it with a function that gives a fresh,
// empty store location.
package storetest
