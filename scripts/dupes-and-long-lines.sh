#!/bin/sh
# dupes-and-long-lines.sh [N] [WORKDIR]: renders N (default 1,000,000)
# recipients of the example shop as JSONL, among them 3 that repeat an
# earlier recipient's ID and one 70 MB line (over --max-record's 64 MiB
# default, in the middle of the file), and checks that nothing is lost or
# merged silently: rendered + failed + skipped equals the lines, the 3
# duplicates and the long line are in failures.jsonl with source:line, and
# every other recipient is in messages.jsonl. Prints the peak RSS and the
# time (needs /usr/bin/time: apt-get install -y time). Only the newsletter
# is rendered, to halve the work; a few minutes on 2 cores, and about 9 GB
# of disk for a million messages, in WORKDIR (kept) or a temporary folder
# (removed at the end).
set -eu
cd "$(dirname "$0")/.."
n=${1:-1000000}
if [ $# -ge 2 ]; then
	work=$2
else
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
in=$work/recipients.jsonl out=$work/out

go build -o "$work/tailor" ./cmd/tailor
go build -o "$work/synth" ./scripts/synth

# N-4 synthetic recipients, the long line after the first half, then 3
# copies of earlier recipients' lines (same IDs) at the end.
half=$(( (n - 4) / 2 ))
"$work/synth" -n "$half" > "$in"
{
	printf '{"id":"huge","email":"huge@example.com","pad":"'
	head -c 73400320 /dev/zero | tr '\0' x
	printf '"}\n'
} >> "$in"
"$work/synth" -from "$half" -n $(( n - 4 - half )) >> "$in"
sed -n "1p;$(( half / 2 ))p;$(( half + 2 ))p" "$in" > "$work/dupes.jsonl"
cat "$work/dupes.jsonl" >> "$in"
lines=$(wc -l < "$in")
echo "input: $lines lines, $(du -m "$in" | cut -f1) MB"

rm -rf "$out"
set +e
if [ -x /usr/bin/time ]; then
	/usr/bin/time -v -o "$work/time.txt" "$work/tailor" render --recipients "$in" --email newsletter --format jsonl --out "$out" 2> "$work/stderr.txt"
else
	"$work/tailor" render --recipients "$in" --email newsletter --format jsonl --out "$out" 2> "$work/stderr.txt"
fi
code=$?
set -e
grep -v '^rendered .*/s)$' "$work/stderr.txt" | head -20 || true

fail() { echo "FAIL: $*"; exit 1; }
[ "$code" = 1 ] || fail "exit status $code, want 1 (some recipients failed)"
summary=$(grep -E '^rendered [0-9]+, failed [0-9]+, skipped [0-9]+ of [0-9]+ records in' "$work/stderr.txt") || fail "no summary on stderr"
set -- $(echo "$summary" | sed -E 's/^rendered ([0-9]+), failed ([0-9]+), skipped ([0-9]+) of ([0-9]+) records.*/\1 \2 \3 \4/')
rendered=$1 failed=$2 skipped=$3 records=$4
[ $(( rendered + failed + skipped )) = "$lines" ] || fail "rendered $rendered + failed $failed + skipped $skipped != $lines lines"
[ "$records" = "$lines" ] || fail "$records records read, want $lines"
[ "$failed" = 4 ] || fail "failed $failed, want 4 (3 duplicates, 1 long line)"
dupes=$(grep -c 'duplicates the recipient at' "$out/failures.jsonl" || true)
[ "$dupes" = 3 ] || fail "$dupes duplicates in failures.jsonl, want 3"
grep -q "\"source\":\"$in:$(( half + 1 ))\",\"error\":\".*over the 67108864-byte limit" "$out/failures.jsonl" || fail "the long line is not in failures.jsonl"
[ "$(wc -l < "$out/messages.jsonl")" = "$lines" ] || fail "messages.jsonl has $(wc -l < "$out/messages.jsonl") lines, want $lines"
echo "OK: $summary"
sed -E 's/^.*"error":"(.*)"}$/  \1/' "$out/failures.jsonl"
if [ -f "$work/time.txt" ]; then
	grep -E 'Maximum resident set size|Elapsed \(wall clock\)|User time|System time' "$work/time.txt" | sed 's/^\s*/  /'
else
	echo "peak RSS: unknown (/usr/bin/time is missing: apt-get install -y time)"
fi
