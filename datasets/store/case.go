package store

import "time"

// Case is one anonymised counselling case as it is stored: generalised
// (age band, months) and pseudonymised (CaseID is a keyed hash of the
// provider's key). Optional values are nil when the export left them empty.
type Case struct {
	CaseID              string
	Provider            string
	State               string
	Phenomenon          string
	Intake              time.Time // first day of the intake month, UTC
	AgeBand             string
	Gender              *string
	AccessRoute         string
	IntrinsicMotivation *bool
	RiskLevel           string
	Returnee            *bool
	Custody             *bool
	MultiAgency         *bool
	Status              string
	Closed              *time.Time // first day of the closing month, UTC
	Outcome             *string
	Relapse             *string
	Contacts            *int32
	// RKey is the record key in [0, 2^32), see RecordKeyer.
	RKey uint64
	// Details are the columns of case-export schema 2.
	Details
}

// Month returns the first day of year/month in UTC: the only point in time
// the store keeps for a date.
func Month(year int, month time.Month) time.Time {
	return time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
}
