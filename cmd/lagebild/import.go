package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"time"

	"lagebild/datasets/importer"
)

func init() {
	register(command{
		name:    "import",
		summary: "validate, anonymise and import case exports (CSV or Parquet) into a store",
		run:     runImport,
	})
}

func runImport(ctx context.Context, env *cmdEnv, args []string) int {
	fs := newFlagSet(env, "import", "import --db FILE [--drop-unknown] [--key-file F] [--ids-pseudonymous] [--record-key-from STORE] [--k K] EXPORT...",
		"lagebild import --db cases.db --key-file pseudonym.key export-2024.csv",
		"LAGEBILD_PSEUDONYM_KEY=$(cat pseudonym.key) lagebild import --db cases.db traeger-a.csv traeger-b.parquet",
		"lagebild import --db cases.db --ids-pseudonymous --drop-unknown already-pseudonymised.csv",
		"lagebild import --db rebuilt.db --record-key-from cases.db --key-file pseudonym.key export-2024.csv")
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		out := fs.Output()
		fmt.Fprintln(out, "\nExports are CSV (',' or ';', UTF-8 with or without BOM) or Parquet with the columns")
		fmt.Fprintln(out, "of the case-export schema; German headers (bundesland, phaenomenbereich, …) are accepted.")
		fmt.Fprintln(out, "Every value is validated and all errors are listed; nothing is imported if there is one.")
		fmt.Fprintln(out, "Columns that look like direct identifiers (names, addresses, e-mail, birth dates, …)")
		fmt.Fprintln(out, "always fail the import. Ages are stored as age bands and dates as months; case ids")
		fmt.Fprintln(out, "are replaced by a keyed hash (HMAC-SHA-256). The key comes from --key-file or")
		fmt.Fprintf(out, "%s, never both (at least %d bytes, at least %d different ones); a key file must\n", importer.KeyEnv, importer.MinKeyLen, importer.MinKeyDistinct)
		fmt.Fprintln(out, "not be readable by others nor writable by anyone but its owner (chmod 600). The key is")
		fmt.Fprintln(out, "never stored; the store keeps a fingerprint of it and refuses another key later.")
		fmt.Fprintln(out, "The record keys of the disclosure control are keyed by a random secret of the store,")
		fmt.Fprintln(out, "made when the store is created and kept by every later import into it, so the same")
		fmt.Fprintln(out, "export gives the same protected numbers whatever the pseudonymisation key. A new")
		fmt.Fprintln(out, "store gets a secret of its own (other noise) unless --record-key-from names the store")
		fmt.Fprintln(out, "whose secret to take, e.g. when rebuilding a store from its exports.")
		fmt.Fprintln(out, "The store is replaced atomically: a failed or interrupted import leaves it unchanged.")
		fmt.Fprintln(out, "Every file an import writes is readable by its owner only (mode 0600). One import at a")
		fmt.Fprintf(out, "time per store: a second one waits for the first (lock file FILE%s) and then adds to\n", importer.LockSuffix)
		fmt.Fprintln(out, "its result; what a killed import left beside the store is removed by the next one.")
		fmt.Fprintln(out, "\nExit status: 0 imported, 2 invalid input or bad usage (also a refused key), 1 any")
		fmt.Fprintln(out, "other failure (also when interrupted while waiting for another import).")
	}
	dbPath := fs.String("db", "", "store `FILE` to create or add to (required)")
	dropUnknown := fs.Bool("drop-unknown", false, "drop columns that are not in the schema instead of failing (identifier columns still fail)")
	keyFile := fs.String("key-file", "", "`FILE` holding the pseudonymisation key (default: $"+importer.KeyEnv+")")
	idsPseudonymous := fs.Bool("ids-pseudonymous", false, "the case ids already are pseudonyms: store them as given")
	synthetic := fs.Bool("synthetic", false, "the exports are synthetic (lagebild gen): the store is labelled SYNTHETIC while every import into it is")
	recordKeyFrom := fs.String("record-key-from", "", "a new store takes the record-key secret of the store `STORE` (same exports, same protected numbers)")
	k := fs.Int("k", importer.DefaultK, "threshold `K` of the re-identification risk report (at least 2)")
	files, code, ok := parseInterspersed(env, fs, args)
	if !ok {
		return code
	}
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(env.stderr, "lagebild import: "+format+"\n", a...)
		return code
	}
	switch {
	case *dbPath == "":
		return fail(exitUsage, "--db FILE is required\nRun 'lagebild import --help' for usage.")
	case len(files) == 0:
		return fail(exitUsage, "no export files given\nRun 'lagebild import --help' for usage.")
	case *k < 2:
		return fail(exitUsage, "--k must be at least 2, got %d", *k)
	}
	tty, width := terminalOf(env.stderr)
	key, err := importer.LoadKey(*keyFile)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	opts := importer.Options{
		Key:             key,
		IDsPseudonymous: *idsPseudonymous,
		Synthetic:       *synthetic,
		RecordKeyFrom:   *recordKeyFrom,
		DropUnknown:     *dropUnknown,
		K:               *k,
		OnRead:          newImportProgress(env.stderr, tty, width, time.Now).update,
		Notice:          func(msg string) { fmt.Fprintln(env.stderr, "lagebild import:", msg) },
	}
	rep, err := importer.ImportToStore(ctx, *dbPath, files, opts)
	if err != nil {
		return importFailure(ctx, env, err)
	}
	fmt.Fprint(env.stdout, rep.String())
	return exitOK
}

// importFailure reports an import error and maps it to the exit status:
// 2 for invalid input (every validation error on a line of its own), a
// missing or weak key, a key other than the store's, a missing file or a
// --record-key-from that contradicts the store's secret, 1 for anything
// else.
func importFailure(ctx context.Context, env *cmdEnv, err error) int {
	var ve *importer.ValidationError
	switch {
	case errors.As(err, &ve):
		for _, fe := range ve.Errors {
			fmt.Fprintln(env.stderr, fe.Error())
		}
		if more := ve.Total - len(ve.Errors); more > 0 {
			fmt.Fprintf(env.stderr, "… and %d more errors\n", more)
		}
		fmt.Fprintf(env.stderr, "lagebild import: %d error(s); nothing was imported, the store is unchanged\n", ve.Total)
		return exitUsage
	case errors.Is(err, importer.ErrNoKey), errors.Is(err, importer.ErrWeakKey),
		errors.Is(err, importer.ErrKeyMismatch), errors.Is(err, importer.ErrRecordKeyConflict):
		fmt.Fprintln(env.stderr, "lagebild import:", err)
		return exitUsage
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintln(env.stderr, "lagebild import:", err)
		return exitUsage
	case ctx.Err() != nil:
		fmt.Fprintln(env.stderr, "lagebild import: interrupted; nothing was imported, the store is unchanged")
		return exitFailure
	}
	fmt.Fprintln(env.stderr, "lagebild import:", err)
	fmt.Fprintln(env.stderr, "lagebild import: nothing was imported, the store is unchanged")
	return exitFailure
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments ("import a.csv --db x.db b.csv"); "--" ends
// flag parsing.
func parseInterspersed(env *cmdEnv, fs *flag.FlagSet, args []string) (positional []string, code int, ok bool) {
	for {
		if code, ok := parseFlags(env, fs, args); !ok {
			return nil, code, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, exitOK, true
		}
		// fs stopped at a positional argument, or after "--".
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), exitOK, true
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
