package main

import (
	"context"
	"fmt"

	"lagebild/datasets/sample"
	"lagebild/queries"
	"lagebild/queries/consoleproc"
)

// consoleWorkerCommand is the internal command that runs one statement of
// the SSH server's SQL console in a process of its own (package
// queries/consoleproc): the server starts it for every statement, writes
// the request to its standard input and reads the answer from its
// standard output. It is not listed in the help and not available over
// SSH (package sshserver allows only the commands it lists).
const consoleWorkerCommand = "console-worker"

func init() {
	register(command{name: consoleWorkerCommand, run: runConsoleWorker})
}

func runConsoleWorker(ctx context.Context, env *cmdEnv, args []string) int {
	fs := newFlagSet(env, consoleWorkerCommand, consoleWorkerCommand+" [--db FILE]")
	dbPath := fs.String("db", "", "store `FILE` (default: the embedded synthetic sample)")
	if code, ok := parseFlags(env, fs, args); !ok {
		return code
	}
	capBytes, err := consoleproc.MemoryCapFromEnv()
	if err != nil {
		fmt.Fprintln(env.stderr, "lagebild console-worker:", err)
		return exitUsage
	}
	// DuckDB's own limit below the kernel's cap: DuckDB reports what it
	// can account for as an error of its own (queries.ErrConsoleMemory).
	opts := queries.OpenOptions{Path: *dbPath, MemoryLimit: consoleproc.WorkerMemoryLimit(capBytes), ResultCacheEntries: -1}
	if *dbPath == "" {
		opts.Fill = sample.Fill(nil)
	}
	st, err := queries.Open(ctx, opts)
	if err != nil {
		fmt.Fprintln(env.stderr, "lagebild console-worker:", err)
		return exitFailure
	}
	defer st.Close()
	if err := consoleproc.Serve(ctx, st, env.stdin, env.stdout); err != nil {
		fmt.Fprintln(env.stderr, "lagebild console-worker:", err)
		return exitFailure
	}
	return exitOK
}
