// Command mutscore reads the JSON reports of gremlins (one per target of
// scripts/mutation), prints each target's mutation score and the mutants
// that survived, and exits with status 1 when a target scores under the
// threshold.
//
// Usage:
//
//	go run ./internal/mutscore [-threshold 90] [-equivalent LIST] [-recheck] [-root DIR] LABEL=DIR=REPORT.json...
//
// LABEL names the target in the table ("serve:signature.go,auth.go"), DIR
// is the folder gremlins ran in, relative to the module root, so that
// survivors are printed as DIR/FILE:LINE:COL. The score is killed /
// (killed + lived), where a mutant that timed out counts as killed (the
// tests noticed it: they hung) and one no test covers counts as lived (no
// test would notice it). Mutants that do not build are left out, and so
// are the survivors that LIST (see ReadEquivalents) names as equivalent,
// matched against the sources in the module at DIR. With -recheck, the
// mutants gremlins marks not covered are tested here (see Recheck). A
// target with no mutant scores 100.
package main
