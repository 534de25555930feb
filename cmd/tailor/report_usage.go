package main

// reportSource is what report's and conclude's help say of the send log.
const reportSource = "\nThe send log is the store's (--store LOC, default $TAILOR_STORE, else the workspace's\n" +
	".tailor/store.db), or a sends.jsonl and outcomes.jsonl with --sends; see docs/report.md."

// reportHelp is the help of report and experiments conclude, as helpOf
// gives it.
func reportHelp(name string) (help, bool) {
	switch name {
	case "report":
		return help{"[--workspace DIR] [--store LOC | --sends FILE [--outcomes FILE]] [--from TIME] [--to TIME]\n" +
			"[--email NAME] [--metric RATE] [--min-effect F] [--html FILE]",
			"Per segment, tier, module and experiment variant: sends and the delivery, open, click,\n" +
				"click-to-open, conversion, unsubscribe and complaint rates with 95% intervals; each\n" +
				"experiment's variants compared (a winner, or no winner yet); the segments whose engagement\n" +
				"is significantly below the rest. --html also writes a page with charts." + reportSource}, true
	case "experiments conclude":
		return help{"NAME --winner VARIANT --workspace DIR [--store LOC | --sends FILE] [--from TIME] [--to TIME] [--force]",
			"Writes the winner into tailor.yaml, with the report's evidence, so the experiment serves\n" +
				"it to everyone. Refused unless the report names that winner (significant and powered),\n" +
				"or --force." + reportSource}, true
	}
	return help{}, false
}
