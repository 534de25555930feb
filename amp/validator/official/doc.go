// Package official runs the official AMP validator (offline, through the
// wrapper that .ci/amp-validator.sh installs) from Go tests, so tests can
// prove that tailor's AMP parts pass the real thing.
//
// The wrapper's path comes from $TAILOR_AMP_VALIDATOR. When it is unset, a
// test skips with the reason on a developer's machine and fails in CI
// (CI=true). Install it with:
//
//	export TAILOR_AMP_VALIDATOR=$(bash .ci/amp-validator.sh)
package official
