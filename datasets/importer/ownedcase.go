package importer

import (
	"time"

	"lagebild/datasets/store"
)

// ownedCase is a copy of a validated store.Case whose optional values
// live in the copy itself: the validator's case points into the
// validator (rowValidator reuses its fields from record to record), and a
// chunk's rows must keep their cases until the writer has taken them.
type ownedCase struct {
	store.Case
	gender, outcome, relapse                  string
	intrinsic, returnee, custody, multiAgency bool
	closed                                    time.Time
	contacts                                  int32
}

// set makes o a copy of c that shares no pointer with it.
func (o *ownedCase) set(c *store.Case) {
	o.Case = *c
	o.Gender = own(&o.gender, c.Gender)
	o.Outcome = own(&o.outcome, c.Outcome)
	o.Relapse = own(&o.relapse, c.Relapse)
	o.IntrinsicMotivation = own(&o.intrinsic, c.IntrinsicMotivation)
	o.Returnee = own(&o.returnee, c.Returnee)
	o.Custody = own(&o.custody, c.Custody)
	o.MultiAgency = own(&o.multiAgency, c.MultiAgency)
	o.Closed = own(&o.closed, c.Closed)
	o.Contacts = own(&o.contacts, c.Contacts)
}

// own copies *p into *dst and returns dst, or nil when p is nil.
func own[T any](dst, p *T) *T {
	if p == nil {
		return nil
	}
	*dst = *p
	return dst
}
