package store

// Quality flags: facts about one case that the quality report counts,
// computed once when the case is written (column qflags of case_records),
// so that the report needs a single grouping by provider and flags instead
// of evaluating a dozen conditions over every record on every filter
// change. A change to a definition here needs a re-import (and a new
// SchemaVersion).
const (
	// Filled flags: the optional column has a value.
	FlagGender uint16 = 1 << iota
	FlagIntrinsicMotivation
	FlagReturnee
	FlagCustody
	FlagMultiAgency
	FlagClosed
	FlagOutcome
	FlagRelapse
	FlagContacts
	// FlagClosedStatus: the status is closed_regular or closed_aborted.
	FlagClosedStatus
	// FlagDocumentedOutcome: closed status and an outcome other than
	// "unknown".
	FlagDocumentedOutcome
	// FlagClosedBeforeIntake: the closing month is before the intake month.
	FlagClosedBeforeIntake
	// FlagContactsImplausible: more than ContactsImplausibleAbove contacts.
	FlagContactsImplausible
)

// ContactsImplausibleAbove is the number of counselling contacts above
// which a case is implausible (about one contact a day for more than a
// year and a half).
const ContactsImplausibleAbove = 500

// FilledFlags maps each optional column of case_records to its filled flag.
var FilledFlags = map[string]uint16{
	"gender": FlagGender, "intrinsic_motivation": FlagIntrinsicMotivation,
	"returnee": FlagReturnee, "custody": FlagCustody, "multi_agency": FlagMultiAgency,
	"closed": FlagClosed, "outcome": FlagOutcome, "relapse": FlagRelapse, "contacts": FlagContacts,
}

// QualityFlags returns the quality flags of a case.
func (c *Case) QualityFlags() uint16 {
	var f uint16
	set := func(flag uint16, ok bool) {
		if ok {
			f |= flag
		}
	}
	set(FlagGender, c.Gender != nil && *c.Gender != "")
	set(FlagIntrinsicMotivation, c.IntrinsicMotivation != nil)
	set(FlagReturnee, c.Returnee != nil)
	set(FlagCustody, c.Custody != nil)
	set(FlagMultiAgency, c.MultiAgency != nil)
	set(FlagClosed, c.Closed != nil)
	set(FlagOutcome, c.Outcome != nil && *c.Outcome != "")
	set(FlagRelapse, c.Relapse != nil && *c.Relapse != "")
	set(FlagContacts, c.Contacts != nil)
	closed := c.Status == "closed_regular" || c.Status == "closed_aborted"
	set(FlagClosedStatus, closed)
	set(FlagDocumentedOutcome, closed && c.Outcome != nil && *c.Outcome != "" && *c.Outcome != "unknown")
	set(FlagClosedBeforeIntake, c.Closed != nil && c.Closed.Before(c.Intake))
	set(FlagContactsImplausible, c.Contacts != nil && *c.Contacts > ContactsImplausibleAbove)
	return f
}
