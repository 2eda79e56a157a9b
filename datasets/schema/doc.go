package schema

import (
	"fmt"
	"strings"

	"lagebild/internal/i18n"
)

// ProviderDoc renders the human-readable description of the case-export
// format for providers (docs/case-export-schema.md). A test keeps the file
// equal to this output, so the document cannot drift from the code.
func ProviderDoc() string {
	var b strings.Builder
	b.WriteString(`# Case-export format for counselling providers

This document is generated from the Go definition in ` + "`datasets/schema`" + ` and kept in
sync by a test (` + "`go test ./datasets/schema -update`" + ` rewrites it).

An export is a CSV file (separator ` + "`,` or `;`" + `, UTF-8 with or without byte-order mark)
or a Parquet file with one row per counselling case and a header row. Column names are
matched case-insensitively; German umlauts may be written as ae/oe/ue, and spaces or
hyphens as underscores. Only the columns below are accepted: a column that looks like a
direct identifier (names, addresses, birth dates, phone numbers, e-mail, ID or passport
numbers, bank details, IP addresses, free-text notes …) makes the import fail, naming the
column. Other unknown columns fail too, unless the import is run with ` + "`--drop-unknown`" + `.

Booleans accept ` + "`true/false`, `1/0`, `ja/nein`, `yes/no`" + `. Months are ` + "`YYYY-MM`" + `; a full
date (` + "`YYYY-MM-DD` or `DD.MM.YYYY`" + `) is cut to its month before it is stored. An exact age
(10–99) is generalised to its age band and never stored. Give either ` + "`age` or `age_band`" + `.

## Schema versions

Schema 2 adds the columns marked "schema 2" below: case type, closure reason, the agencies
involved, case conferences, documented consent, risk level and motivation at closure,
outcome dimensions at intake and at closure, goals set and reached, the kind of relapse
and the month of the last relapse check. All of them are optional: a schema-1 export
(without them) imports unchanged, and a store written before schema 2 is upgraded when it
is opened (the new columns are empty for its cases).

**Agencies** are written as a set in one cell: the codes separated by ` + "`|`" + ` in any order
(` + "`police|youth_welfare|school`" + `), ` + "`none`" + ` when no agency is involved, an empty cell when it is
not stated. A code may appear once; ` + "`none`" + ` stands alone.

**Outcome dimensions** (` + "`dim_<name>_intake`, `dim_<name>_closed`" + `) rate how much concern a
dimension gives on a scale of 0–3: 0 no concern, 1 slight, 2 considerable, 3 severe. A lower
rating at closure than at intake is an improvement. The dimensions are ` + "`" + strings.Join(Dimensions, "`, `") + "`" + `;
` + "`social_integration`" + ` rates housing, work or education and family together.

| column | required | kind | values | German aliases | meaning |
|---|---|---|---|---|---|
`)
	for _, c := range Columns {
		req := "no"
		switch {
		case c.Required:
			req = "yes"
		case c.Name == "age" || c.Name == "age_band":
			req = "age or age_band"
		case c.Name == "closed":
			req = "if status is closed_*"
		}
		values := ""
		switch c.Kind {
		case Code:
			values = "`" + strings.Join(c.Codes, "`, `") + "`"
		case Age:
			values = fmt.Sprintf("%d–%d", MinAge, MaxAge)
		case Month:
			values = "YYYY-MM"
		case Bool:
			values = "true/false, 1/0, ja/nein, yes/no"
		case Int:
			values = "0, 1, 2, …"
		case Set:
			values = "`" + strings.Join(c.Codes, "`, `") + "`, joined by `" + AgencySeparator + "`; `" + AgencyNone + "`"
		case Scale:
			values = fmt.Sprintf("%d–%d", MinScale, MaxScale)
		}
		if c.Since == 2 {
			req = "no (schema 2)"
		}
		aliases := ""
		if len(c.Aliases) > 0 {
			aliases = "`" + strings.Join(c.Aliases, "`, `") + "`"
		}
		// A | inside a table cell must be escaped, also in code spans.
		cell := strings.NewReplacer("|", `\|`).Replace
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", c.Name, req, c.Kind, cell(values), aliases, cell(c.Doc))
	}
	b.WriteString(`
## Code labels

| code | Deutsch | English |
|---|---|---|
`)
	seen := map[string]bool{}
	for _, list := range [][]string{States, Phenomena, AgeBands, Genders, AccessRoutes, RiskLevels, Statuses, Outcomes, Relapses,
		CaseTypes, ClosureReasons, Agencies, RelapseTypes} {
		for _, code := range list {
			if seen[code] {
				continue
			}
			seen[code] = true
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", code, Label(code, i18n.DE), Label(code, i18n.EN))
		}
	}
	b.WriteString(`
## Cross-field rules

- ` + "`closed`" + ` is required when ` + "`status`" + ` is ` + "`closed_regular` or `closed_aborted`" + `, must be empty
  otherwise, and may not be before ` + "`intake`" + `.
- ` + "`outcome`" + ` may only be given for closed cases.
- A case key may occur only once per provider.
- Schema 2: ` + "`" + strings.Join(ClosureColumns, "`, `") + "`" + ` may only be given for closed cases;
  ` + "`goals_reached`" + ` may not exceed ` + "`goals_set`" + `; ` + "`relapse_type`" + ` may not be given with ` + "`relapse`" + `
  ` + "`none`" + `; ` + "`relapse_checked`" + ` may not be before ` + "`intake`" + `.
`)
	return b.String()
}
