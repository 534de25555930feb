// Command synthsends writes report/synth's send log with known truth as
// sends.jsonl and outcomes.jsonl into a folder, for trying tailor report
// on data whose answer is known:
//
//	go run ./scripts/synthsends -out DIR [-sends 200000] [-lift 0.1] [-seed 1]
//	tailor report --sends DIR/sends.jsonl --html DIR/report.html
//
// Variant B of experiment subject_line clicks -lift more than A (0 for
// an A/A split), and the segment lapsed engages half as much.
package main
