package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"lagebild/datasets/schema"
	"lagebild/datasets/synth"
)

func init() {
	register(command{
		name:    "gen",
		summary: "generate a synthetic anonymised case export (CSV or Parquet)",
		run:     runGen,
	})
}

// genProgressFrom is the size from which gen reports progress on stderr.
const genProgressFrom = 1_000_000

func runGen(ctx context.Context, env *cmdEnv, args []string) int {
	fs := newFlagSet(env, "gen", "gen --cases N [--seed S] [--from YEAR] [--to YEAR] --out FILE.csv|FILE.parquet",
		"lagebild gen --cases 5000 --out cases.csv",
		"lagebild gen --cases 1000000 --seed 7 --out cases.parquet",
		"lagebild gen --cases 20000 --from 2019 --to 2024 --out recent.csv && lagebild import --db recent.db --synthetic --ids-pseudonymous recent.csv")
	fs.Usage = withGenNotes(fs)
	cases := fs.Int("cases", 0, "number of cases (rows) to generate, at least 1 (required)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and flags give a byte-identical CSV")
	from := fs.Int("from", synth.DefaultFromYear, fmt.Sprintf("first intake `YEAR` (%d–%d)", synth.MinYear, synth.MaxYear))
	to := fs.Int("to", synth.DefaultToYear, fmt.Sprintf("last intake `YEAR` (%d–%d); the export date is December of it", synth.MinYear, synth.MaxYear))
	out := fs.String("out", "", "output `FILE`, ending in .csv or .parquet (required)")
	schemaVersion := fs.Int("schema", schema.Version, "case-export schema `VERSION` to write: 1 (without the schema-2 columns) or 2")
	if code, ok := parseFlags(env, fs, args); !ok {
		return code
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(env.stderr, "lagebild gen: "+format+"\n", a...)
		fmt.Fprintln(env.stderr, "Run 'lagebild gen --help' for usage.")
		return exitUsage
	}
	if fs.NArg() > 0 {
		return usage("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["cases"] {
		return usage("--cases is required")
	}
	if *out == "" {
		return usage("--out is required")
	}
	format, err := synth.FormatOf(*out)
	if err != nil {
		return usage("--out %q: the file must end in .csv or .parquet", *out)
	}
	cfg := synth.Config{Cases: *cases, Seed: *seed, FromYear: *from, ToYear: *to, Schema: *schemaVersion}
	if *schemaVersion == 0 {
		return usage("--schema must be 1 or %d", schema.Version)
	}
	if *from == 0 || *to == 0 {
		// Zero would mean "default" to synth; as a flag it is a bad year.
		return usage("years must lie in %d–%d", synth.MinYear, synth.MaxYear)
	}
	if err := cfg.Validate(); err != nil {
		var ce *synth.ConfigError
		if errors.As(err, &ce) {
			return usage("%s", ce.Reason)
		}
		return usage("%v", err)
	}

	if *cases >= genProgressFrom {
		cfg.Progress = func(done int) {
			fmt.Fprintf(env.stderr, "lagebild gen: %d of %d cases\n", done, *cases)
			if done == *cases && format == synth.Parquet {
				fmt.Fprintln(env.stderr, "lagebild gen: converting to Parquet")
			}
		}
	}
	start := time.Now()
	if err := synth.WriteFile(ctx, *out, cfg); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintf(env.stderr, "lagebild gen: interrupted; %s was not written\n", *out)
			return exitFailure
		}
		fmt.Fprintf(env.stderr, "lagebild gen: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(env.stdout, "wrote %d synthetic cases (intakes %d–%d, seed %d) to %s in %s\n",
		*cases, *from, *to, *seed, *out, time.Since(start).Round(time.Millisecond))
	return exitOK
}

// withGenNotes appends to the usage text what the generated data is.
func withGenNotes(fs *flag.FlagSet) func() {
	usage := fs.Usage
	return func() {
		usage()
		fmt.Fprintf(fs.Output(), `
The cases are synthetic and deterministic: providers T01–T12 in a few states
each, intakes growing over the years, exact ages (generalised at import), a few
empty optional values. Provider T07 reproduces the programme figures of the
background paper when N ≥ %d and the years cover 2014–2024: 408 Islamist
danger-context cases 2014–2024, 69 high-risk, 61 returnees, 2 relapses.
The file appears only when complete (written beside FILE, then renamed).
From %d cases on, progress goes to stderr every %d cases.
`, synth.ProgrammeFullScaleCases, genProgressFrom, synth.DefaultProgressEvery)
	}
}
