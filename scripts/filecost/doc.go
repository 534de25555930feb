// Command filecost measures what the kernel charges for writing one file
// per message, as tailor render --format eml does: it creates n files of
// a .eml's size in a fresh folder of each -dir, in alternating rounds, four
// ways (empty; written as the batch writes them, O_CREATE|O_TRUNC; with
// O_EXCL; spread over 256 subfolders), and prints the user and system CPU
// time a file. It tells the file system's cost from tailor's: compare the
// system time with the CPU time a JSONL message costs (scripts/throughput).
//
//	go run ./scripts/filecost -n 20000 -rounds 3 -dir /tmp,/dev/shm
package main
