package queries

import (
	"fmt"
	"time"
)

// The relapse figures count a closed case only after a minimum follow-up
// after its closure: a case closed last month has had no time to relapse,
// and counting it lowers the rate of the latest closing years (before this
// rule the sample's 2025 closures already showed a relapse rate). The
// follow-up is measured against the data's reference month, the latest
// intake or closing month in the store, not against today: a store read a
// year later gives the same figures (docs/privacy.md, relapse).

// DefaultFollowUpMonths is the minimum follow-up after closure, in months,
// before a closed case counts in a relapse rate.
const DefaultFollowUpMonths = 12

// MaxFollowUpMonths bounds the follow-up a store accepts (ten years).
const MaxFollowUpMonths = 120

// FollowUp is a store's relapse follow-up rule: a closed case counts in a
// relapse rate when it was closed at least Months months before the
// Reference month.
type FollowUp struct {
	Months int
	// Reference is the first day of the latest intake or closing month of
	// the store (the zero time for a store without cases).
	Reference time.Time
}

// Cutoff is the latest closing month that counts: Reference − Months.
func (fu FollowUp) Cutoff() time.Time { return fu.Reference.AddDate(0, -fu.Months, 0) }

// ReferenceMonth is the reference month as YYYY-MM.
func (fu FollowUp) ReferenceMonth() string { return fu.Reference.Format("2006-01") }

// followUpNote is the English text of the follow-up rule on every table
// and key figure that counts relapses among closed cases. Its last verb
// is the reference month so that ParseFollowUpNote can read it back.
const followUpNote = "a closed case counts in a relapse rate only after %d months of follow-up after closure; reference month %s"

// Note is the follow-up rule as the note package queries attaches to
// relapse tables and key figures (English; see ParseFollowUpNote).
func (fu FollowUp) Note() string { return fmt.Sprintf(followUpNote, fu.Months, fu.ReferenceMonth()) }

// ParseFollowUpNote reads a note made by FollowUp.Note back, so that
// writers can say it in their language; ok is false for any other note.
func ParseFollowUpNote(note string) (fu FollowUp, ok bool) {
	var months int
	var ref string
	if _, err := fmt.Sscanf(note, followUpNote, &months, &ref); err != nil {
		return FollowUp{}, false
	}
	t, err := time.Parse("2006-01", ref)
	if err != nil {
		return FollowUp{}, false
	}
	fu = FollowUp{Months: months, Reference: t}
	return fu, fu.Note() == note
}

// FollowUp returns the store's follow-up rule.
func (s *Store) FollowUp() FollowUp { return s.followUp }

// followUpParams are the values the relapse base (baseFollowedUp) binds.
func (s *Store) followUpParams() map[string]any {
	return map[string]any{"followup_cutoff": s.followUp.Cutoff()}
}

// followUpMonths checks the option: nil is DefaultFollowUpMonths.
func followUpMonths(opt *int) (int, error) {
	if opt == nil {
		return DefaultFollowUpMonths, nil
	}
	if *opt < 0 || *opt > MaxFollowUpMonths {
		return 0, fmt.Errorf("follow-up %d months: want 0 to %d", *opt, MaxFollowUpMonths)
	}
	return *opt, nil
}
