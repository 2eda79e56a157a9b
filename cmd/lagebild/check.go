package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"

	"lagebild/datasets/importer"
	"lagebild/datasets/store"
	"lagebild/internal/i18n"
	"lagebild/queries"
	"lagebild/queries/export"
	"lagebild/queries/report"
	"lagebild/queries/sdc"
)

// exitQuality is the exit status of `check` when a quality check fails.
const exitQuality = 3

func init() {
	register(command{
		name:    "check",
		summary: "the evaluator's quality report of a store or of export files (exit 3 when a check fails)",
		run:     runCheck,
	})
}

// checkKey and checkRecordKeySecret are the throwaway pseudonymisation key
// and record-key secret of the temporary in-memory store that export files
// are checked in. They are fixed so that the same export gives the same
// protected report every time (and repeated checks cannot be averaged);
// the store never leaves memory, and whoever runs check holds the export
// and so the exact numbers anyway.
var (
	checkKey             = []byte("lagebild check: throwaway key of the temporary store")
	checkRecordKeySecret = []byte("lagebild check throwaway rkey v1")
)

func runCheck(ctx context.Context, env *cmdEnv, args []string) int {
	fs := newFlagSet(env, "check", "check [--db FILE | EXPORT...] [--format table|json] [--k K] [--max-risk PERCENT] [--lang de|en]",
		"lagebild check",
		"lagebild check --db cases.db --format json",
		"lagebild check export-2024.csv traeger-b.parquet && echo all checks pass",
		"lagebild check --max-risk 50 --k 3 export-2024.csv")
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		out := fs.Output()
		fmt.Fprintln(out, "\nThe evaluator's report: completeness per column, plausibility findings, outcome")
		fmt.Fprintln(out, "documentation, re-identification risk and a comparison of providers, then a pass/fail")
		fmt.Fprintln(out, "summary. Without --db or EXPORT it checks the embedded synthetic sample. EXPORT files")
		fmt.Fprintln(out, "(CSV or Parquet) are validated by the importer and loaded into a temporary in-memory")
		fmt.Fprintln(out, "store; rows with findings are counted (exactly, as the importer would list them) and left")
		fmt.Fprintln(out, "out of the figures, which are protected like every published figure (k).")
		fmt.Fprintln(out, "\nChecks (completeness and findings decided on the exact counts of the whole input, the")
		fmt.Fprintln(out, "risk on the share of the protected counts; see docs/privacy.md, derived figures):")
		fmt.Fprintln(out, "  required_complete      every required column has a value in every record (100 %)")
		fmt.Fprintln(out, "  finding:CODE           no record with a plausibility finding: closed before intake,")
		fmt.Fprintln(out, "                         outcome on an open case, closing month on an open case, closed")
		fmt.Fprintf(out, "                         status without closing month, more than %d contacts, duplicate\n", queries.ContactsImplausibleAbove)
		fmt.Fprintln(out, "                         case keys (same provider and case_id)")
		fmt.Fprintln(out, "  reidentification_risk  at most --max-risk percent of the records lie in equivalence")
		fmt.Fprintln(out, "                         classes smaller than k on state, age band, gender, phenomenon")
		fmt.Fprintln(out, "                         and intake year")
		fmt.Fprintln(out, "  plausibility (EXPORT)  no record under 14 in a justice context, closed regularly with")
		fmt.Fprintf(out, "                         0 contacts, with more than %d contacts a month or closed after\n", importer.MaxContactsPerMonth)
		fmt.Fprintf(out, "                         more than %d months; exact, listed by file:line and provider,\n", importer.MaxDurationMonths)
		fmt.Fprintln(out, "                         with a pass/fail per provider. Flags (never failing): returnee")
		fmt.Fprintln(out, "                         outside Islamism/foreign ideology, high risk without multi-agency")
		fmt.Fprintln(out, "\nExit status: 0 all checks pass, 3 a quality check fails, 2 unreadable or invalid input")
		fmt.Fprintln(out, "(a file that cannot be read, bad values or columns) or bad usage, 1 any other failure.")
	}
	remote := remoteFlagsOf(env, fs)
	dbPath := remote.as(remoteStore).String("db", "", "check the imported store `FILE`")
	formatFlag := remote.as(remotePassed).String("format", "table", "output format: table (a text report) or json")
	k := remote.as(analystOnly(remoteRaiseK)).Int("k", 0, "threshold `K` of the protection and of the risk check, at least 3 (default 5)")
	sdcConfig := remote.as(remoteSDCConfig).String("sdc-config", "", "disclosure-control configuration `FILE` (operator)")
	maxRisk := remote.as(analystOnly(remotePassed)).Float64("max-risk", queries.DefaultMaxRiskShare*100, "largest allowed `PERCENT` of records in equivalence classes smaller than k")
	dropUnknown := remote.as(remoteExportOnly).Bool("drop-unknown", false, "EXPORT: drop columns that are not in the schema instead of failing")
	idsPseudonymous := remote.as(remoteExportOnly).Bool("ids-pseudonymous", false, "EXPORT: the case ids are already pseudonyms (duplicates are then case ids repeated across providers too)")
	lang := remote.as(remoteLang).String("lang", "", "language of the report: de or en (default from LANG)")
	files, code, ok := parseInterspersed(env, fs, args)
	if !ok {
		return code
	}
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(env.stderr, "lagebild check: "+format+"\n", a...)
		return code
	}
	// badFlag is a wrong flag value: the message and where help is.
	badFlag := func(format string, a ...any) int {
		fail(exitUsage, format, a...)
		fmt.Fprintln(env.stderr, "Run 'lagebild check --help' for usage.")
		return exitUsage
	}
	switch {
	case *formatFlag != "table" && *formatFlag != "json":
		return fail(exitUsage, "unknown format %q (use table or json)", *formatFlag)
	case *dbPath != "" && len(files) > 0:
		return badFlag("--db and EXPORT files exclude each other: check a store or export files")
	case *maxRisk < 0 || *maxRisk > 100:
		return badFlag("--max-risk %v: a percentage 0–100", *maxRisk)
	case *lang != "" && *lang != "de" && *lang != "en":
		return badFlag("--lang %q: use de or en", *lang)
	}
	params, err := sdcParams(*sdcConfig, *k)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	th := queries.QualityThresholds{MaxRiskShare: *maxRisk / 100}
	if *maxRisk == 0 {
		th.MaxRiskShare = 1e-12 // Checks treats 0 as "default"
	}
	var rep *export.CheckReportJSON
	var plausibility *plausibilityJSON
	var storePlausibility *storePlausibilityJSON
	var q *queries.Quality
	if len(files) > 0 {
		st, imp, code, err := openExport(ctx, env, files, params, importer.Options{
			Key: checkKey, DropUnknown: *dropUnknown, IDsPseudonymous: *idsPseudonymous, K: params.K, ExcludeFindings: true,
		})
		if err != nil {
			return fail(code, "%v", err)
		}
		if code != exitOK {
			return code
		}
		defer st.Close()
		if q, err = st.Quality(ctx, queries.Filter{}); err != nil {
			return fail(exitFailure, "%v", err)
		}
		rep = checkReport(q, st, th, export.InputJSON{Kind: "export", Files: files}, imp)
		if err := addEvaluatorSection(ctx, st, rep, th, imp); err != nil {
			return fail(exitFailure, "%v", err)
		}
		plausibility = plausibilityOf(imp)
		rep.Pass = rep.Pass && plausibility.Pass
	} else {
		st, code, err := openStore(ctx, *dbPath, params, nil)
		if err != nil {
			if code == exitFailure && *dbPath != "" {
				code = exitUsage // an unreadable store is invalid input
			}
			return fail(code, "%v", err)
		}
		defer st.Close()
		if q, err = st.Quality(ctx, queries.Filter{}); err != nil {
			return fail(exitFailure, "%v", err)
		}
		in := export.InputJSON{Kind: "store", Path: *dbPath, Files: []string{}}
		if *dbPath == "" {
			in.Kind = "default"
		}
		rep = checkReport(q, st, th, in, nil)
		if err := addEvaluatorSection(ctx, st, rep, th, nil); err != nil {
			return fail(exitFailure, "%v", err)
		}
		storePlausibility = storePlausibilityOf(rep)
	}
	l := resolveLang(*lang)
	out := checkOutput{CheckReportJSON: rep, Plausibility: plausibility, StorePlausibility: storePlausibility}
	switch *formatFlag {
	case "json":
		err = export.WriteJSON(env.stdout, out)
	default:
		err = writeCheckText(env.stdout, out, l)
	}
	if err != nil {
		return fail(exitFailure, "%v", err)
	}
	if !rep.Pass {
		return exitQuality
	}
	return exitOK
}

// checkReport assembles the report: the store's checks, merged with the
// quality findings the importer counted in the export, if it was one
// (imp not nil).
func checkReport(q *queries.Quality, st *queries.Store, th queries.QualityThresholds, in export.InputJSON, imp *importer.Report) *export.CheckReportJSON {
	checks := q.Checks(th)
	rep := &export.CheckReportJSON{Input: in, K: st.K(), Protected: true, Synthetic: st.Synthetic(), Quality: export.QualityToJSON(q)}
	if imp != nil {
		rep.Validation = validationJSON(imp)
		missingColumns := slices.Sorted(maps.Keys(imp.Missing))
		for i := range checks {
			c := &checks[i]
			if c.Code.Kind == queries.CheckFinding && exactFinding(imp, c.Code.Finding) > 0 {
				c.Pass = false
			}
			if c.Code.Kind == queries.CheckRequiredComplete && len(missingColumns) > 0 {
				c.Pass = false
				for _, col := range missingColumns {
					if !slices.Contains(c.Columns, col) {
						c.Columns = append(c.Columns, col)
					}
				}
			}
		}
	}
	rep.Checks = export.ChecksToJSON(checks)
	rep.Pass = true
	for _, c := range checks {
		rep.Pass = rep.Pass && c.Pass
	}
	return rep
}

// exportFindings maps the plausibility findings of the report to the
// importer's codes of the same findings in an export. Implausibly many
// contacts are no finding of the importer (the record is kept) but one of
// its plausibility notes, counted exactly all the same.
var exportFindings = map[string]importer.Code{
	queries.FindingContactsImplausible: importer.CodeContactsImplausible,
	queries.FindingClosedBeforeIntake:  importer.CodeClosedBeforeIntake,
	queries.FindingOutcomeOnOpenCase:   importer.CodeOutcomeOnOpenCase,
	queries.FindingClosedMonthOnOpen:   importer.CodeClosedMonthOnOpen,
	queries.FindingClosedWithoutMonth:  importer.CodeClosedWithoutMonth,
	queries.FindingDuplicateCaseKeys:   importer.CodeDuplicateCaseKey,
}

// exactFinding is the exact count of a finding of the report in the
// export: a finding of the importer or one of its plausibility notes.
func exactFinding(imp *importer.Report, finding string) int64 {
	ic, ok := exportFindings[finding]
	if !ok {
		return 0
	}
	return imp.Findings[ic] + imp.NoteCounts[ic]
}

// requiredMissing is the finding code of required values missing, by
// column, in the report.
const requiredMissing = string(importer.CodeRequiredMissing)

// validationJSON is the export's part of the report: rows read, rows left
// out and the exact count of every finding.
func validationJSON(imp *importer.Report) *export.ValidationJSON {
	out := &export.ValidationJSON{Rows: imp.Rows + imp.Excluded, Excluded: imp.Excluded, Findings: []export.ValidationFindingJSON{}}
	for _, code := range queries.FindingCodes {
		if _, ok := exportFindings[code]; ok {
			out.Findings = append(out.Findings, export.ValidationFindingJSON{Code: code, Count: exactFinding(imp, code)})
		}
	}
	for _, col := range slices.Sorted(maps.Keys(imp.Missing)) {
		out.Findings = append(out.Findings, export.ValidationFindingJSON{Code: requiredMissing, Column: col, Count: imp.Missing[col]})
	}
	return out
}

// openExport imports the export files into a temporary in-memory store,
// hardened like any other, with the throwaway key and record-key secret.
// The importer leaves out the records with quality findings and counts
// them (opts.ExcludeFindings). Invalid input (unreadable files, bad
// columns, bad values) is reported on stderr and gives exit status 2.
func openExport(ctx context.Context, env *cmdEnv, files []string, params sdc.Params, opts importer.Options) (*queries.Store, *importer.Report, int, error) {
	var imp *importer.Report
	var importErr error
	fill := func(ctx context.Context, db *sql.DB) error {
		if err := store.CreateSchema(ctx, db); err != nil {
			return err
		}
		if err := store.WriteRecordKeySecret(ctx, db, checkRecordKeySecret); err != nil {
			return err
		}
		if imp, importErr = importer.ImportInto(ctx, db, files, opts); importErr != nil {
			return importErr
		}
		return store.SetMeta(ctx, db, store.MetaDataLabel, "export check")
	}
	st, err := queries.Open(ctx, queries.OpenOptions{Fill: fill, SDC: &params})
	var ve *importer.ValidationError
	var pe *os.PathError
	switch {
	case importErr == nil && err == nil:
		return st, imp, exitOK, nil
	case importErr == nil:
		return nil, nil, exitFailure, err
	case errors.As(importErr, &ve):
		for _, fe := range ve.Errors {
			fmt.Fprintln(env.stderr, fe.Error())
		}
		if more := ve.Total - len(ve.Errors); more > 0 {
			fmt.Fprintf(env.stderr, "… and %d more errors\n", more)
		}
		fmt.Fprintf(env.stderr, "lagebild check: the export is invalid: %d error(s) besides %d quality finding(s); fix them (see 'lagebild import') and check again\n",
			ve.Total, ve.Findings)
		return nil, nil, exitUsage, nil
	case errors.Is(importErr, fs.ErrNotExist), errors.Is(importErr, fs.ErrPermission), errors.As(importErr, &pe):
		return nil, nil, exitUsage, importErr
	case ctx.Err() != nil:
		return nil, nil, exitFailure, errors.New("interrupted")
	}
	return nil, nil, exitFailure, importErr
}

// checkText are the report's texts, German and English.
var checkText = i18n.Catalogue{
	"title.store":   {"Qualitätsbericht des Speichers %s", "Quality report of the store %s"},
	"title.default": {"Qualitätsbericht der eingebetteten synthetischen Stichprobe", "Quality report of the embedded synthetic sample"},
	"title.export":  {"Qualitätsbericht des Exports %s", "Quality report of the export %s"},
	"rows":          {"%s Zeilen gelesen, %s mit Befund aus den Zahlen unten herausgenommen", "%s rows read, %s with findings left out of the figures below"},
	"records":       {"Fälle: %s", "Cases: %s"},
	"protection":    {"Zahlen geschützt (Cell-Key-Methode, k = %d); die Prüfungen entscheiden auf den exakten Zahlen.", "Figures protected (cell key method, k = %d); the checks are decided on the exact counts."},
	"synthetic":     {"SYNTHETISCHE DATEN", "SYNTHETIC DATA"},
	"checks":        {"Prüfungen", "Checks"},
	"completeness":  {"Vollständigkeit", "Completeness"},
	"findings":      {"Plausibilität", "Plausibility"},
	"outcome":       {"Ergebnisdokumentation", "Outcome documentation"},
	"risk":          {"Re-Identifikationsrisiko", "Re-identification risk"},
	"providers":     {"Träger", "Providers"},
	"col.column":    {"Spalte", "column"},
	"col.required":  {"Pflicht", "required"},
	"col.base":      {"Basis", "base"},
	"col.filled":    {"ausgefüllt", "filled"},
	"col.share":     {"Anteil", "share"},
	"col.finding":   {"Befund", "finding"},
	"col.count":     {"Anzahl", "count"},
	"col.cases":     {"Fälle", "cases"},
	"col.export":    {"im Export (exakt)", "in the export (exact)"},
	"col.store":     {"in den Fällen", "in the cases"},
	"col.provider":  {"Träger", "provider"},
	"col.intakes":   {"Aufnahmen", "intakes"},
	"col.closed":    {"abgeschlossen", "closed"},
	"base.all":      {"alle Fälle", "all cases"},
	"base.closed":   {"abgeschl. Fälle", "closed cases"},
	"yes":           {"ja", "yes"},
	"no":            {"nein", "no"},
	"outcome.line": {"%s abgeschlossene Fälle, davon %s mit bekanntem Ergebnis: %s",
		"%s closed cases, %s of them with a known outcome: %s"},
	"risk.line": {"Klassen nach Bundesland, Altersgruppe, Geschlecht, Phänomenbereich, Aufnahmejahr: %s Fälle in %s Klassen; in Klassen kleiner als k = %d: %s Fälle (%s) in %s Klassen",
		"Classes by state, age band, gender, phenomenon, intake year: %s cases in %s classes; in classes smaller than k = %d: %s cases (%s) in %s classes"},
	"check.required_complete":                       {"Pflichtspalten vollständig", "required columns complete"},
	"check.reidentification_risk":                   {"Re-Identifikationsrisiko: %s der Fälle in Klassen kleiner als k = %d (Grenze %s)", "re-identification risk: %s of the cases in classes smaller than k = %d (limit %s)"},
	"missing.in":                                    {"fehlend in: %s", "missing in: %s"},
	"finding." + queries.FindingClosedBeforeIntake:  {"Abschluss vor Aufnahme", "closed before intake"},
	"finding." + queries.FindingOutcomeOnOpenCase:   {"Ergebnis bei offenem Fall", "outcome on an open case"},
	"finding." + queries.FindingClosedMonthOnOpen:   {"Abschlussmonat bei offenem Fall", "closing month on an open case"},
	"finding." + queries.FindingClosedWithoutMonth:  {"abgeschlossen ohne Abschlussmonat", "closed status without closing month"},
	"finding." + queries.FindingContactsImplausible: {"unplausibel viele Kontakte (> %d)", "implausibly many contacts (> %d)"},
	"finding." + queries.FindingDuplicateCaseKeys:   {"doppelte Fallschlüssel", "duplicate case keys"},
	"mark.pass":   {"OK    ", "PASS"},
	"mark.fail":   {"FEHLER", "FAIL"},
	"result.pass": {"Ergebnis: BESTANDEN – alle %d Prüfungen bestanden", "Result: PASS – all %d checks pass"},
	"result.fail": {"Ergebnis: NICHT BESTANDEN – %d von %d Prüfungen nicht bestanden (Exit-Status 3)", "Result: FAIL – %d of %d checks fail (exit status 3)"},
}

func ct(lang i18n.Lang, key string, args ...any) string { return checkText.Or(lang, key, args...) }

// writeCheckText writes the report for people.
func writeCheckText(w io.Writer, out checkOutput, lang i18n.Lang) error {
	rep := out.CheckReportJSON
	n := func(v *float64) string {
		if v == nil {
			return export.WithheldMark
		}
		return i18n.Float(*v, 0, lang)
	}
	pct := func(v *float64) string {
		if v == nil {
			return export.WithheldMark
		}
		return i18n.Percent(*v, lang)
	}
	var b strings.Builder
	switch rep.Input.Kind {
	case "store":
		b.WriteString(ct(lang, "title.store", rep.Input.Path))
	case "default":
		b.WriteString(ct(lang, "title.default"))
	default:
		b.WriteString(ct(lang, "title.export", strings.Join(rep.Input.Files, ", ")))
	}
	if rep.Synthetic {
		b.WriteString(" · " + ct(lang, "synthetic"))
	}
	b.WriteString("\n")
	q := &rep.Quality
	if rep.Validation != nil {
		b.WriteString(ct(lang, "rows", i18n.Int(rep.Validation.Rows, lang), i18n.Int(rep.Validation.Excluded, lang)) + "\n")
	}
	b.WriteString(ct(lang, "records", n(q.Records)) + "\n")
	b.WriteString(ct(lang, "protection", rep.K) + " " + export.Legend(rep.K, lang) + "\n")

	// checks
	fmt.Fprintf(&b, "\n%s\n", ct(lang, "checks"))
	failed := 0
	for _, c := range rep.Checks {
		mark := ct(lang, "mark.pass")
		if !c.Pass {
			mark = ct(lang, "mark.fail")
			failed++
		}
		var desc string
		switch c.Code.Kind {
		case queries.CheckRequiredComplete:
			desc = ct(lang, "check.required_complete")
			if len(c.Columns) > 0 {
				desc += " (" + ct(lang, "missing.in", strings.Join(c.Columns, ", ")) + ")"
			}
		case queries.CheckReidentificationRisk:
			desc = ct(lang, "check.reidentification_risk", pct(q.Risk.Share), rep.K, i18n.Number(c.Limit*100, lang)+" %")
		case queries.CheckFinding:
			desc = findingLabel(c.Code.Finding, lang)
		default:
			desc = c.Code.String()
		}
		fmt.Fprintf(&b, "  %s  %s\n", mark, desc)
	}
	checks := len(rep.Checks)
	if p := out.Plausibility; p != nil {
		for _, r := range p.Rules {
			if r.Flag {
				continue
			}
			checks++
			mark := "PASS"
			if !r.Pass {
				mark = "FAIL"
				failed++
			}
			fmt.Fprintf(&b, "  %s  %s\n", mark, pt(lang, "check", ruleLabel(r.Code, lang), i18n.Int(r.Count, lang)))
		}
	}

	// completeness
	fmt.Fprintf(&b, "\n%s\n", ct(lang, "completeness"))
	rows := [][]string{{ct(lang, "col.column"), ct(lang, "col.required"), ct(lang, "col.base"),
		ct(lang, "col.filled"), ct(lang, "col.cases"), ct(lang, "col.share")}}
	for _, c := range q.Completeness {
		req := ct(lang, "no")
		if c.Required {
			req = ct(lang, "yes")
		}
		rows = append(rows, []string{c.Column, req, ct(lang, "base."+c.Base), n(c.Filled), n(c.Cases), pct(c.Share)})
	}
	writeAligned(&b, rows, 3)

	// findings
	fmt.Fprintf(&b, "\n%s\n", ct(lang, "findings"))
	if rep.Validation != nil {
		// The file holder sees their own file: exact counts, no protected column.
		rows = [][]string{{ct(lang, "col.finding"), ct(lang, "col.export")}}
	} else {
		rows = [][]string{{ct(lang, "col.finding"), ct(lang, "col.count")}}
	}
	for _, f := range q.Findings {
		if rep.Validation != nil {
			exact := "–"
			for _, vf := range rep.Validation.Findings {
				if vf.Code == f.Code {
					exact = i18n.Int(vf.Count, lang)
				}
			}
			rows = append(rows, []string{findingLabel(f.Code, lang), exact})
		} else {
			rows = append(rows, []string{findingLabel(f.Code, lang), n(f.Count)})
		}
	}
	if rep.Validation != nil {
		for _, vf := range rep.Validation.Findings {
			if vf.Code == requiredMissing {
				rows = append(rows, []string{ct(lang, "missing.in", vf.Column), i18n.Int(vf.Count, lang)})
			}
		}
	}
	writeAligned(&b, rows, 1)

	// outcome documentation
	rate := pct(q.OutcomeDocumentedRate)
	if q.OutcomeCILow != nil && q.OutcomeCIHigh != nil {
		rate += " (" + i18n.Float(*q.OutcomeCILow*100, 1, lang) + "–" + i18n.Float(*q.OutcomeCIHigh*100, 1, lang) + ")"
	}
	fmt.Fprintf(&b, "\n%s\n  %s\n", ct(lang, "outcome"), ct(lang, "outcome.line", n(q.Closed), n(q.OutcomeDocumented), rate))

	// risk
	r := q.Risk
	fmt.Fprintf(&b, "\n%s\n  %s\n", ct(lang, "risk"), ct(lang, "risk.line", n(r.Records), n(r.Classes), r.K, n(r.RecordsBelowK), pct(r.Share), n(r.ClassesBelowK)))

	// providers
	fmt.Fprintf(&b, "\n%s\n", ct(lang, "providers"))
	rows = [][]string{{ct(lang, "col.provider"), ct(lang, "col.intakes"), ct(lang, "col.closed"), "%", ct(lang, "col.documented"), "%"}}
	for _, p := range q.Providers {
		rows = append(rows, []string{p.Provider, n(p.Intakes), n(p.Closed), pct(p.ClosedShare), n(p.Documented), pct(p.DocumentedShare)})
	}
	writeAligned(&b, rows, 1)
	writeEvaluatorText(&b, rep, lang)

	if out.Plausibility != nil {
		writePlausibilityText(&b, out.Plausibility, lang)
	}
	if out.StorePlausibility != nil {
		writeStorePlausibilityText(&b, out.StorePlausibility, lang)
	}

	b.WriteString("\n")
	if failed == 0 {
		b.WriteString(ct(lang, "result.pass", checks) + "\n")
	} else {
		b.WriteString(ct(lang, "result.fail", failed, checks) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeAligned writes rows indented by two spaces, the first left columns
// left-aligned and the others right-aligned.
func writeAligned(b *strings.Builder, rows [][]string, left int) {
	widths := report.ColumnWidths(rows)
	right := func(j int) bool { return j >= left }
	for _, r := range rows {
		b.WriteString("  " + report.AlignedLine(r, widths, "  ", right) + "\n")
	}
}

func findingLabel(code string, lang i18n.Lang) string {
	if code == queries.FindingContactsImplausible {
		return ct(lang, "finding."+code, queries.ContactsImplausibleAbove)
	}
	return ct(lang, "finding."+code)
}
