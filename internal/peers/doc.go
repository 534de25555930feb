// Package peers locates the conformance data that tailor shares with other
// projects (juice cases, the AMP4EMAIL validator's tests and rules,
// caniemail data, real-world templates) for tests.
//
// The folder is $TAILOR_PEERS, or ../shared/peers beside the repository. A
// test that needs it skips with a clear message when it is missing, and
// fails when it is missing in CI (CI=true).
package peers
