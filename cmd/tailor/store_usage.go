package main

// storeWhere is what every store subcommand's help says of LOC.
const storeWhere = "\nLOC is a SQLite file or postgres://...; the default is $TAILOR_STORE, else\n" +
	".tailor/store.db in the workspace folder (the current folder for the built-in\n" +
	"example); see docs/store.md."

// storeSubcommands are the store subcommands, in the order their help
// lists them.
func storeSubcommands() []string {
	return []string{"store migrate", "store import", "store export", "store suppress", "store unsuppress", "store forget", "store jobs", "store events", "store outcomes"}
}

// storeHelp is the help of a store subcommand ("store import"), as
// helpOf gives it.
func storeHelp(name string) (help, bool) {
	switch name {
	case "store migrate":
		return help{"[--workspace DIR] [--store LOC]",
			"Applies the schema migrations the store lacks and prints its version." + storeWhere}, true
	case "store import":
		return help{"[--workspace DIR] [--store LOC] (--recipients FILE|- | --sources)\n" +
			"[--merge most_recent|precedence|replace] [--batch N]",
			"Loads recipients (JSON, JSONL or CSV, or tailor.yaml's merged sources:), typed by\n" +
				"the workspace's schema, into the store, merged with the stored profiles by --merge,\n" +
				"a transaction per batch; importing the same file again changes nothing.\n" +
				"Exit status 1 when a record was bad (no ID, unreadable)." + storeWhere}, true
	case "store export":
		return help{"[--workspace DIR] [--store LOC] [--out FILE]",
			"Writes every stored profile, one JSON object a line, in ID order." + storeWhere}, true
	case "store suppress":
		return help{"[--workspace DIR] [--store LOC] [--list NAME] [--reason WHY] [--file FILE] [ID|ADDRESS...]",
			"Suppresses recipients by ID or address on a list (default every list): no render\n" +
				"path renders them. --file reads one a line (a bounce or complaint export)." + storeWhere}, true
	case "store unsuppress":
		return help{"[--workspace DIR] [--store LOC] [--list NAME] ID|ADDRESS...",
			"Removes the suppressions of recipients on a list (default every list)." + storeWhere}, true
	case "store forget":
		return help{"[--workspace DIR] [--store LOC] ID...",
			"Deletes recipients' profiles, events and segment history; a suppression stays,\n" +
				"as the hash it always was." + storeWhere}, true
	case "store events":
		return help{"[--workspace DIR] [--store LOC] [--now RFC3339] [--batch N] FILE|-",
			"Applies a JSONL file of events ({\"name\", \"id\", \"event\"} a line; - reads stdin) to\n" +
				"the stored profiles, --batch lines to a transaction, each in a savepoint of its own as\n" +
				"POST /v1/events does; a bad line is reported at FILE:LINE with its recipient and the\n" +
				"others apply.\n" +
				"Exit status 1 when a line failed." + storeWhere}, true
	case "store outcomes":
		return help{"[--workspace DIR] [--store LOC] --format ses|sendgrid|postmark|mailgun FILE|-",
			"Records an ESP's export of events (delivered, open, click, bounce, complaint,\n" +
				"unsubscribe) as outcomes of the logged sends they name, and suppresses hard\n" +
				"bounces, complaints and unsubscribes, as POST /v1/esp/PROVIDER does; see\n" +
				"docs/measure.md." + storeWhere}, true
	case "store jobs":
		return help{"[--workspace DIR] [--store LOC] [--state STATE] [--recipient ID]",
			"Lists the triggers' jobs (all, or those of --state: pending, running, done, cancelled,\n" +
				"or dead, the dead-letter list) with their due time, attempts and note, and a count\n" +
				"per state." + storeWhere}, true
	}
	return help{}, false
}
