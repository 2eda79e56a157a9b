package importer

import (
	"slices"

	"lagebild/datasets/schema"
	"lagebild/datasets/store"
)

// Domain plausibility rules: what counselling practice makes unlikely,
// though not impossible, in a valid record. Unlike the quality findings
// they never block an import or leave a record out: the importer lists
// them (Report.Notes, with file, line and provider, for the file holder)
// and counts them, and `lagebild check` fails on the plausibility rules
// but only reports the flags (Code.Flag), which mark cases to look at
// against the quality standard rather than errors.
const (
	// CodeUnder14Justice: a child under 14 (below the age of criminal
	// responsibility) in custody, or come through justice or probation, or
	// with justice/prison or probation among the agencies.
	CodeUnder14Justice Code = "under_14_justice"
	// CodeClosedRegularNoContacts: closed regularly after 0 contacts.
	CodeClosedRegularNoContacts Code = "closed_regular_without_contacts"
	// CodeContactsPerMonth: more than MaxContactsPerMonth contacts per
	// month of a closed case's duration (intake and closing month counted).
	CodeContactsPerMonth Code = "contacts_per_month"
	// CodeLongDuration: closed more than MaxDurationMonths after intake.
	CodeLongDuration Code = "duration_over_60_months"
	// CodeContactsImplausible: more than store.ContactsImplausibleAbove
	// contacts in all (the store's finding of the same name, counted
	// exactly here for the file holder).
	CodeContactsImplausible Code = "contacts_implausible"
	// CodeReturneeOutsidePhenomenon (a flag): a returnee from a war zone
	// in a phenomenon area other than Islamism or foreign ideology.
	CodeReturneeOutsidePhenomenon Code = "returnee_outside_islamism"
	// CodeHighRiskWithoutMultiAgency (a flag for the standard): a high-risk
	// case not run together with security authorities.
	CodeHighRiskWithoutMultiAgency Code = "high_risk_without_multi_agency"
)

// Limits of the plausibility rules.
const (
	MaxContactsPerMonth = 30
	MaxDurationMonths   = 60
)

// PlausibilityCodes lists the domain plausibility rules in report order.
// CodeContactsImplausible is noted too, but is no rule of its own: check
// reports it with the store's findings.
var PlausibilityCodes = []Code{
	CodeUnder14Justice, CodeClosedRegularNoContacts, CodeContactsPerMonth, CodeLongDuration,
	CodeReturneeOutsidePhenomenon, CodeHighRiskWithoutMultiAgency,
}

// Plausibility reports whether the code is a domain plausibility rule
// (of PlausibilityCodes).
func (c Code) Plausibility() bool { return slices.Contains(PlausibilityCodes, c) }

// Flag reports whether the code is a flag: listed, but no failure.
func (c Code) Flag() bool {
	return c == CodeReturneeOutsidePhenomenon || c == CodeHighRiskWithoutMultiAgency
}

// plausibilityOf calls fn with every rule a valid case breaks.
func plausibilityOf(c *store.Case, fn func(Code)) {
	closedMonths := -1 // whole months from intake to closure
	if c.Closed != nil {
		closedMonths = (c.Closed.Year()-c.Intake.Year())*12 + int(c.Closed.Month()) - int(c.Intake.Month())
	}
	justiceAgencies := uint8(1)<<slices.Index(schema.Agencies, "justice_prison") | uint8(1)<<slices.Index(schema.Agencies, "probation")
	if c.AgeBand == "under_14" && (isTrue(c.Custody) || c.AccessRoute == "justice" || c.AccessRoute == "probation" ||
		c.Agencies.Valid && c.Agencies.V&justiceAgencies != 0) {
		fn(CodeUnder14Justice)
	}
	if c.Status == "closed_regular" && c.Contacts != nil && *c.Contacts == 0 {
		fn(CodeClosedRegularNoContacts)
	}
	if closedMonths >= 0 && c.Contacts != nil && int(*c.Contacts) > MaxContactsPerMonth*(closedMonths+1) {
		fn(CodeContactsPerMonth)
	}
	if closedMonths > MaxDurationMonths {
		fn(CodeLongDuration)
	}
	if c.Contacts != nil && *c.Contacts > store.ContactsImplausibleAbove {
		fn(CodeContactsImplausible)
	}
	if isTrue(c.Returnee) && c.Phenomenon != "islamist" && c.Phenomenon != "foreign_ideology" {
		fn(CodeReturneeOutsidePhenomenon)
	}
	if c.RiskLevel == "high_risk" && c.MultiAgency != nil && !*c.MultiAgency {
		fn(CodeHighRiskWithoutMultiAgency)
	}
}

func isTrue(b *bool) bool { return b != nil && *b }

// Note is one record that breaks a domain plausibility rule.
type Note struct {
	File     string // the path as given
	Line     int    // as in FieldError
	Provider string
	Code     Code
}

// MaxNotesListed bounds the records listed per rule in Report.Notes; the
// counts stay exact.
const MaxNotesListed = 50

// noteTally collects the plausibility notes of one pass over the files.
type noteTally struct {
	notes      []Note
	counts     map[Code]int64
	byProvider map[string]map[Code]int64
	providers  map[string]bool // every provider of a valid record, also without notes
}

func newNoteTally() *noteTally {
	return &noteTally{counts: map[Code]int64{}, byProvider: map[string]map[Code]int64{}, providers: map[string]bool{}}
}

// check counts the rules (plausibilityOf, in its order) that a valid
// case of provider read at file:line breaks.
func (t *noteTally) check(file string, line int, provider string, codes []Code) {
	t.providers[provider] = true
	for _, code := range codes {
		t.counts[code]++
		if t.counts[code] <= MaxNotesListed {
			t.notes = append(t.notes, Note{File: file, Line: line, Provider: provider, Code: code})
		}
		p := t.byProvider[provider]
		if p == nil {
			p = map[Code]int64{}
			t.byProvider[provider] = p
		}
		p[code]++
	}
}

// report copies the notes into rep.
func (t *noteTally) report(rep *Report) {
	if t == nil {
		return
	}
	rep.Notes = t.notes
	rep.NoteCounts = t.counts
	rep.NotesByProvider = map[string]map[Code]int64{}
	for p := range t.providers {
		rep.NotesByProvider[p] = t.byProvider[p]
		if rep.NotesByProvider[p] == nil {
			rep.NotesByProvider[p] = map[Code]int64{}
		}
	}
}
