package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sync"
	"time"

	"lagebild/datasets/figures"
	"lagebild/datasets/sample"
	"lagebild/queries"
	"lagebild/queries/export"
	"lagebild/queries/report"
	"lagebild/queries/sdc"
)

func init() {
	register(command{
		name:    "brief",
		summary: "print a briefing: key messages, key figures with sources, definitions, case tables, sources (md, csv, json, html, xlsx)",
		run:     runBrief,
	})
}

// briefTables are the case tables of a briefing's block 4, in order. The
// programme figures by year (briefProgramme) stand beside the policy
// paper's programme figures instead.
var briefTables = []string{
	queries.QIntakesByYearPhenomenon,
	queries.QIntakesByYearAgeBand,
	queries.QIntakesByYearAccessRoute,
	queries.QClosuresByYearOutcome,
	queries.QRelapseBySubgroup,
	queries.QRelapseOutcomesWithinRisk,
	queries.QProgrammeByProvider,
	queries.QStatesCompared,
	queries.QEvaluatorProviders,
	queries.QDurationQuartiles,
	queries.QClosureReasonsByProvider,
	queries.QOutcomeChange,
	queries.QGoalAttainment,
	queries.QMultiAgencyByRisk,
	queries.QAgenciesByRisk,
	queries.QPlausibilityByProvider,
}

// briefProgramme is the programme table a briefing sets beside the policy
// paper's programme figures (export.Brief.ProgrammeCases): its last row is
// the period, comparable with the paper's counts since 2014.
const briefProgramme = queries.QProgrammeByYear

// briefContext are the public figures a situation paper cites beside the
// key figures (indicator, phenomenon area): the AfD component of the
// right-wing person potential (the key messages cite it), all politically
// motivated crime, the left-wing and Reichsbürger person potentials and
// the Islamist Gefährder. They are listed with the key figures, each with
// its own source and note.
var briefContext = [][2]string{
	{"person_potential_afd_component", "right_wing"},
	{"pmk_cases", "total"},
	{"person_potential", "left_wing"},
	{"person_potential", "reichsbuerger"},
	{"gefaehrder", "religious_ideology"},
}

func runBrief(ctx context.Context, env *cmdEnv, args []string) int {
	fs := newFlagSet(env, "brief", "brief [--db FILE] [--year Y] [--k K] [filters] [--format md|csv|json|html|xlsx] [--round] [--lang de|en] [--as-of YYYY-MM-DD]",
		"lagebild brief > briefing.md",
		"lagebild brief --db cases.db --year 2024 --phenomenon islamist --lang de",
		"lagebild brief --years 2020-2022 --state DE-BY --format csv > brief.csv",
		"lagebild brief --format json --k 10 | jq '.key_figures[] | {id, current, change}'",
		"lagebild brief --format html --lang de > briefing.html",
		"lagebild brief --format xlsx > briefing.xlsx")
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		out := fs.Output()
		fmt.Fprintln(out, "\nFive blocks, each with its reporting years: 1 key messages (sentences over the figures;")
		fmt.Fprintln(out, "--round rounds them for a speaking note), 2 key figures with previous year, change, unit and")
		fmt.Fprintln(out, "\"source, date\", 3 notes and definitions, 4 the providers' case data (providers and import")
		fmt.Fprintln(out, "dates, the filter, the tables; the policy paper's programme figures beside them), 5 sources.")
		fmt.Fprintln(out, "html is one self-contained printable file with inline SVG charts; xlsx has one sheet per block.")
		fmt.Fprintln(out, "Relapse is an extremist or violent offence (any offence a second figure); a closed case")
		fmt.Fprintln(out, "counts in a relapse rate after --followup-months after closure (default 12).")
		fmt.Fprintln(out, "Every figure from case data is protected (cell key method, threshold k); a withheld value")
		fmt.Fprintln(out, "is • in Markdown, empty with suppressed=true in CSV and null in JSON (docs/json-formats.md).")
		fmt.Fprintln(out, "--years selects cases by intake year in the intake tables and by closing year in the")
		fmt.Fprintln(out, "closure and relapse tables; --year and --years must lie within the years of the data.")
		fmt.Fprintln(out, "\nExit status: 0 success, 2 bad usage or invalid input, 1 any other failure.")
	}
	remote := remoteFlagsOf(env, fs)
	dbPath := remote.as(remoteStore).String("db", "", "imported store `FILE` (default: the embedded synthetic sample)")
	year := remote.as(remoteFilterFlag).Int("year", 0, "`YEAR` of the key figures (default: the latest year with case data); the tables cover the --years selection")
	k := remote.as(remoteRaiseK).Int("k", 0, "threshold `K` of disclosure control, at least 3 (default 5 or the --sdc-config value)")
	sdcConfig := remote.as(remoteSDCConfig).String("sdc-config", "", "disclosure-control configuration `FILE` (operator; the same as the TUI's)")
	ff := remote.filters()
	remote.filter = func() (queries.Filter, error) { return briefFilter(ff, *year) }
	formatFlag := remote.as(remotePassed).String("format", "md", "output format: md, csv, json, html or xlsx")
	round := remote.as(remotePassed).Bool("round", false, "round the numbers of the key messages for a speaking note (\"about 50,000\")")
	lang := remote.as(remoteLang).String("lang", "", "language of labels and numbers: de or en (default from LANG)")
	asOf := remote.as(remotePassed).String("as-of", "", "`DATE` (YYYY-MM-DD) of the \"as of\" line (default: today)")
	// The follow-up fixes the relapse base; a viewer choosing it would get
	// a family of closure ranges whose differences reveal single closing
	// months (docs/privacy.md, relapse), so only analysts may set it.
	followUp := remote.as(analystOnly(remotePassed)).Int("followup-months", queries.DefaultFollowUpMonths,
		"minimum `MONTHS` of follow-up after closure before a closed case counts in a relapse rate (0-120)")
	if code, ok := parseFlags(env, fs, args); !ok {
		return code
	}
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(env.stderr, "lagebild brief: "+format+"\n", a...)
		if code == exitUsage {
			fmt.Fprintln(env.stderr, "Run 'lagebild brief --help' for usage.")
		}
		return code
	}
	if fs.NArg() > 0 {
		return fail(exitUsage, "unexpected argument %q", fs.Arg(0))
	}
	if !slices.Contains(export.BriefFormats, export.BriefFormat(*formatFlag)) {
		return fail(exitUsage, "unknown format %q (use md, csv, json, html or xlsx)", *formatFlag)
	}
	if *lang != "" && *lang != "de" && *lang != "en" {
		return fail(exitUsage, "--lang %q: use de or en", *lang)
	}
	date := time.Now()
	if *asOf != "" {
		d, err := time.Parse("2006-01-02", *asOf)
		if err != nil {
			return fail(exitUsage, "--as-of %q: want a date YYYY-MM-DD", *asOf)
		}
		date = d
	}
	params, err := sdcParams(*sdcConfig, *k)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	if *followUp < 0 || *followUp > queries.MaxFollowUpMonths {
		return fail(exitUsage, "--followup-months %d: use 0 to %d", *followUp, queries.MaxFollowUpMonths)
	}
	st, code, err := openStore(ctx, *dbPath, params, followUp)
	if err != nil {
		return fail(code, "%v", err)
	}
	defer st.Close()
	// Years outside the data first: "2030-2040" is then answered with
	// the years there are, not with the rule about fixed periods.
	first, last := st.Years()
	if err := checkDataYears(ff, *year, first, last); err != nil {
		return fail(exitUsage, "%v", err)
	}
	f, err := briefFilter(ff, *year)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	b, err := buildBrief(ctx, st, f, *year, date)
	var few *queries.TooFewCasesError
	if errors.As(err, &few) {
		// a filter narrower than the minimum population is invalid input
		return fail(exitUsage, "%v", few)
	}
	if err != nil {
		return fail(exitFailure, "%v", err)
	}
	b.Round = *round
	err = b.Write(env.stdout, export.BriefFormat(*formatFlag), resolveLang(*lang))
	if err != nil {
		return fail(exitFailure, "%v", err)
	}
	return exitOK
}

// sdcParams returns the disclosure-control parameters: the defaults or the
// operator's configuration file, with k raised (or set) by --k, never
// below 3.
func sdcParams(configFile string, k int) (sdc.Params, error) {
	params := sdc.DefaultParams()
	if configFile != "" {
		p, err := sdc.LoadConfig(configFile)
		if err != nil {
			return params, err
		}
		params = p
	}
	if k != 0 {
		if k < 3 {
			return params, fmt.Errorf("--k %d: k must be at least 3", k)
		}
		params.K = k
	}
	return params, params.Validate()
}

// openStore opens the store file, or the embedded synthetic sample when
// path is "", with the relapse follow-up (nil: the default). A missing or unreadable file, one that is not a lagebild
// store or one of another schema version is invalid input (exit 2);
// anything else a failure (exit 1).
func openStore(ctx context.Context, path string, params sdc.Params, followUpMonths *int) (*queries.Store, int, error) {
	opts := queries.OpenOptions{Path: path, SDC: &params, FollowUpMonths: followUpMonths, Cube: queries.CubeIfFresh}
	if path == "" {
		opts.Fill = sample.Fill(nil)
	}
	st, err := queries.Open(ctx, opts)
	if err == nil {
		return st, exitOK, nil
	}
	return nil, openExitCode(path, err), err
}

// openExitCode is the exit status for an error of queries.Open on path:
// a missing or unreadable file, one that is not a lagebild store (a
// directory, an export) or one of another schema version is invalid input
// (2), anything else a failure (1). The TUI and the commands share it.
func openExitCode(path string, err error) int {
	var notStore *queries.NotStoreError
	var version *queries.SchemaVersionError
	if path != "" && (errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) ||
		errors.As(err, &notStore) || errors.As(err, &version)) {
		return exitUsage
	}
	return exitFailure
}

// briefFilter is the case filter brief reads: the filter flags, with
// --year (the year of the key figures) checked against them. The SSH
// server charges a remote brief's filter budget with it (serve.go).
func briefFilter(ff *filterFlags, year int) (queries.Filter, error) {
	f, err := ff.Filter()
	if err != nil {
		return queries.Filter{}, err
	}
	if year != 0 {
		if year < figures.MinYear || year > figures.MaxYear {
			return queries.Filter{}, fmt.Errorf("--year %d: not a plausible year", year)
		}
		// The year picks the key figures' year; it does not cut the
		// filter's years (ranges ending at any year would be a family of
		// record sets whose differences reveal single years:
		// docs/privacy.md).
		if f.FromYear != 0 && (year < f.FromYear || year > f.ToYear) {
			return queries.Filter{}, fmt.Errorf("--year %d lies outside the --years selection %d-%d", year, f.FromYear, f.ToYear)
		}
	}
	return f, nil
}

// buildBrief gathers the key figures and tables of a briefing. The store
// is safe for concurrent use; the queries run side by side.
func buildBrief(ctx context.Context, st *queries.Store, f queries.Filter, year int, asOf time.Time) (*export.Brief, error) {
	names := append(slices.Clone(briefTables), briefProgramme)
	var (
		wg     sync.WaitGroup
		kfs    []queries.KeyFigure
		kfErr  error
		tabs   = make([]*queries.Table, len(names))
		tabErr = make([]error, len(names))
	)
	wg.Add(1 + len(names))
	go func() {
		defer wg.Done()
		kfs, kfErr = st.KeyFigures(ctx, f)
	}()
	for i, name := range names {
		go func() {
			defer wg.Done()
			tabs[i], tabErr[i] = st.Run(ctx, name, f)
		}()
	}
	wg.Wait()
	if err := errors.Join(append([]error{kfErr}, tabErr...)...); err != nil {
		return nil, err
	}
	if year == 0 {
		// the latest year with case data
		for _, kf := range kfs {
			if kf.ID == "case:intakes" {
				year = kf.Year
			}
		}
	}
	coverage, err := st.Coverage(ctx)
	if err != nil {
		return nil, err
	}
	if st.Synthetic() {
		// the embedded sample is "imported" when it is opened: no date
		coverage.FirstImport, coverage.LastImport = time.Time{}, time.Time{}
	}
	var context []queries.KeyFigure
	for _, c := range briefContext {
		kf, err := st.PublicKeyFigure(ctx, c[0], c[1])
		if err != nil {
			return nil, err
		}
		context = append(context, kf)
	}
	b := &export.Brief{AsOf: asOf, Year: year, Filter: f, K: st.K(), Synthetic: st.Synthetic(), DataLabel: st.DataLabel(),
		Coverage: coverage}
	b.CaseFirst, b.CaseLast = st.Years()
	if f.FromYear != 0 {
		b.CaseFirst, b.CaseLast = max(b.CaseFirst, f.FromYear), min(b.CaseLast, f.ToYear)
	}
	for _, kf := range context {
		if e := export.KeyFigureAt(kf, year); e.Year != 0 {
			b.Context = append(b.Context, e)
		}
	}
	for _, kf := range kfs {
		// the figure as of the year, with the source of that year's value
		e := export.KeyFigureAt(kf, year)
		if kf.Kind == queries.KindFigure && e.Year == 0 {
			continue // the store holds no such public figure (up to the year)
		}
		b.KeyFigures = append(b.KeyFigures, e)
	}
	for _, t := range tabs[:len(briefTables)] {
		b.Tables = append(b.Tables, report.FromTable(t, "", "", nil, nil, nil))
	}
	programme := report.FromTable(tabs[len(briefTables)], "", "", nil, nil, nil)
	b.ProgrammeCases = &programme
	return b, nil
}
