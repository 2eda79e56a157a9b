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
		}
		aliases := ""
		if len(c.Aliases) > 0 {
			aliases = "`" + strings.Join(c.Aliases, "`, `") + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", c.Name, req, c.Kind, values, aliases, c.Doc)
	}
	b.WriteString(`
## Code labels

| code | Deutsch | English |
|---|---|---|
`)
	for _, list := range [][]string{States, Phenomena, AgeBands, Genders, AccessRoutes, RiskLevels, Statuses, Outcomes, Relapses} {
		for _, code := range list {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", code, Label(code, i18n.DE), Label(code, i18n.EN))
		}
	}
	b.WriteString(`
## Cross-field rules

- ` + "`closed`" + ` is required when ` + "`status`" + ` is ` + "`closed_regular` or `closed_aborted`" + `, must be empty
  otherwise, and may not be before ` + "`intake`" + `.
- ` + "`outcome`" + ` may only be given for closed cases.
- A case key may occur only once per provider.
`)
	return b.String()
}
