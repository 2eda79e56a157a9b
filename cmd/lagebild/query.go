package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"lagebild/internal/sshserver"
	"lagebild/queries"
	"lagebild/queries/report"
	"lagebild/queries/sdc"
)

func init() {
	register(command{
		name:    "query",
		summary: "run one read-only SQL query over the anonymised tables cases and figures",
		run:     runQuery,
	})
}

func runQuery(ctx context.Context, env *cmdEnv, args []string) int {
	fs := newFlagSet(env, "query",
		"query [--db FILE] [--format table|csv|json] [--timeout 10s] [--max-rows N] \"SQL\"",
		`lagebild query "SELECT phenomenon, count(*) AS n FROM cases GROUP BY ALL ORDER BY n DESC"`,
		`lagebild query --db cases.db --format csv "SELECT * FROM cases WHERE year(intake) = 2024" > 2024.csv`,
		`echo "DESCRIBE cases" | lagebild query -`)
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		out := fs.Output()
		fmt.Fprintln(out, "\nOne read-only statement (SELECT, WITH, VALUES, FROM, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)")
		fmt.Fprintln(out, "over the view cases (one row per anonymised case, the canonical columns) and the table")
		fmt.Fprintln(out, "figures (public figures). The results are exact record-level data, as anonymised at")
		fmt.Fprintln(out, "import: the console is for analysts, not for publication. Writes, ATTACH, COPY, INSTALL,")
		fmt.Fprintln(out, "LOAD, SET, PRAGMA, several statements, internal tables and file-reading functions are")
		fmt.Fprintln(out, "refused and change nothing. SQL \"-\" reads the statement from standard input.")
		fmt.Fprintln(out, "\nExit status: 0 success, 2 refused or invalid statement or bad usage, 1 any other failure")
		fmt.Fprintln(out, "(including the time limit).")
	}
	remote := remoteFlagsOf(env, fs)
	dbPath := remote.as(remoteStore).String("db", "", "imported store `FILE` (default: the embedded synthetic sample)")
	formatFlag := remote.as(remotePassed).String("format", "table", "output format: table (aligned), csv or json")
	timeout := remote.as(remoteTimeout).Duration("timeout", queries.DefaultConsoleTimeout, "time limit of the statement")
	maxRows := remote.as(remoteMaxRows).Int("max-rows", queries.DefaultConsoleMaxRows, "most rows to print; a longer result is cut")
	positional, code, ok := parseInterspersed(env, fs, args)
	if !ok {
		return code
	}
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(env.stderr, "lagebild query: "+format+"\n", a...)
		return code
	}
	switch *formatFlag {
	case "table", "csv", "json":
	default:
		return fail(exitUsage, "unknown format %q (use table, csv or json)", *formatFlag)
	}
	if *timeout <= 0 {
		return fail(exitUsage, "--timeout must be positive")
	}
	if *maxRows < 1 {
		return fail(exitUsage, "--max-rows must be at least 1")
	}
	if len(positional) == 0 {
		return fail(exitUsage, "no SQL given\nRun 'lagebild query --help' for usage.")
	}
	query := strings.Join(positional, " ")
	if query == "-" {
		b, err := io.ReadAll(env.stdin)
		if err != nil {
			return fail(exitFailure, "reading the statement: %v", err)
		}
		query = string(b)
	}
	st, code, err := openStore(ctx, *dbPath, sdc.DefaultParams(), nil)
	if err != nil {
		return fail(code, "%v", err)
	}
	defer st.Close()
	res, err := st.Console(ctx, query, queries.ConsoleLimits{Timeout: *timeout, MaxRows: *maxRows})
	var refused *queries.RefusedError
	var invalid *queries.InvalidQueryError
	switch {
	case errors.As(err, &refused):
		env.outcome = sshserver.OutcomeRefused
		return fail(exitUsage, "%v", err)
	case errors.As(err, &invalid):
		env.outcome = sshserver.OutcomeInvalid
		return fail(exitUsage, "%v", err)
	case errors.Is(err, queries.ErrConsoleTimeout):
		env.outcome = sshserver.OutcomeTimeout
		return fail(exitFailure, "%v (raise --timeout or narrow the query)", err)
	case err != nil:
		return fail(exitFailure, "%v", err)
	}
	switch *formatFlag {
	case "table":
		err = writeQueryTable(env.stdout, res)
	case "csv":
		err = writeQueryCSV(env.stdout, res)
	case "json":
		err = writeQueryJSON(env.stdout, res)
	}
	if err != nil {
		return fail(exitFailure, "%v", err)
	}
	if res.Truncated {
		fmt.Fprintf(env.stderr, "lagebild query: %s (--max-rows %d)\n", res.TruncationNote(), res.MaxRows)
	}
	return exitOK
}

// writeQueryTable prints the result as an aligned table: a header, a rule,
// numbers right-aligned, NULL as NULL, then the row count.
func writeQueryTable(w io.Writer, res *queries.ConsoleResult) error {
	cells := make([][]string, 0, len(res.Rows)+1)
	cells = append(cells, res.Columns)
	for _, row := range res.Rows {
		line := make([]string, len(row))
		for j, v := range row {
			s := queries.FormatConsoleValue(v)
			if v == nil {
				s = "NULL"
			}
			line[j] = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s)
		}
		cells = append(cells, line)
	}
	widths := report.ColumnWidths(cells)
	rule := make([]string, len(widths))
	for j, n := range widths {
		rule[j] = strings.Repeat("-", n)
	}
	var b strings.Builder
	b.WriteString(report.AlignedLine(res.Columns, widths, "  ", nil) + "\n")
	b.WriteString(report.AlignedLine(rule, widths, "  ", nil) + "\n")
	for _, r := range cells[1:] {
		b.WriteString(report.AlignedLine(r, widths, "  ", res.Numeric) + "\n")
	}
	n := len(res.Rows)
	switch {
	case res.Truncated:
		fmt.Fprintf(&b, "(%d rows shown, %s)\n", n, res.TruncationNote())
	case n == 1:
		b.WriteString("(1 row)\n")
	default:
		fmt.Fprintf(&b, "(%d rows)\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeQueryCSV writes a header and the rows; NULL is an empty field.
func writeQueryCSV(w io.Writer, res *queries.ConsoleResult) error {
	cw := csv.NewWriter(w)
	cw.Write(res.Columns)
	rec := make([]string, len(res.Columns))
	for _, row := range res.Rows {
		for j, v := range row {
			rec[j] = queries.FormatConsoleValue(v)
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// QueryJSON is the stable JSON of `lagebild query --format json`
// (docs/json-formats.md).
type QueryJSON struct {
	Columns []string `json:"columns"`
	Types   []string `json:"types"`
	// Rows hold JSON values: null, booleans, numbers, strings (dates,
	// decimals and huge integers as text), arrays and objects.
	Rows      [][]any `json:"rows"`
	RowCount  int     `json:"row_count"`
	Truncated bool    `json:"truncated"`
	MaxRows   int     `json:"max_rows"`
	ElapsedMS int64   `json:"elapsed_ms"`
}

func writeQueryJSON(w io.Writer, res *queries.ConsoleResult) error {
	// Indented like the other JSON outputs, but one line per row.
	compact := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err) // normalised console values always encode
		}
		return string(b)
	}
	var b strings.Builder
	cols, types := res.Columns, res.Types
	b.WriteString("{\n  \"columns\": " + compact(cols) + ",\n  \"types\": " + compact(types) + ",\n  \"rows\": [")
	for i, row := range res.Rows {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n    " + compact(row))
	}
	if len(res.Rows) > 0 {
		b.WriteString("\n  ")
	}
	fmt.Fprintf(&b, "],\n  \"row_count\": %d,\n  \"truncated\": %t,\n  \"max_rows\": %d,\n  \"elapsed_ms\": %d\n}\n",
		len(res.Rows), res.Truncated, res.MaxRows, res.Elapsed.Milliseconds())
	_, err := io.WriteString(w, b.String())
	return err
}
