package synth

// The justice figures of the background paper (docs/policy-paper-excerpts.md,
// "Justizkontext"): in the justice context Violence Prevention Network
// worked with 132 violent young people, 58 of them high-risk persons.
// Provider T07 mirrors them like the programme figures: its cases with
// intake 2014–2024, access_route justice and an age of 14–24 are exactly
// 132, of them exactly 58 high_risk, all in custody. (In an imported store
// the ages 14–24 are exactly the age bands 14_17, 18_20 and 21_24.) The paper gives
// neither a period nor a yearly split; both are assumptions (the period
// of the programme figures, the split below). Islamist cases of the strand
// with a danger context belong to the programme as well (programmeJustice
// in programme.go); the others are right-wing, foreign-ideology or
// mixed/unclear young people.
var (
	justiceCases    = [...]int{4, 8, 12, 14, 14, 14, 12, 13, 14, 14, 13} // Σ 132
	justiceHighRisk = [...]int{2, 3, 5, 6, 6, 6, 5, 6, 6, 7, 6}          // Σ 58
)

// Exact ages of the justice strand: young people, 14–24.
const (
	justiceMinAge = 14
	justiceMaxAge = 24
)

// JusticeFigures are the counts of the programme provider's (T07) cases
// with intake 2014–2024, access_route justice and an age of 14–24 that a
// Config's output holds.
type JusticeFigures struct {
	// Cases is the number of such cases (132 at full scale).
	Cases int
	// HighRisk of them have risk_level high_risk (58).
	HighRisk int
}

// T07JusticeFigures returns the justice figures that Write produces for
// cfg: the paper's 132/58 when cfg.Cases ≥ ProgrammeFullScaleCases and
// the year range covers 2014–2024, scaled and cut like T07Figures
// otherwise.
func T07JusticeFigures(cfg Config) JusticeFigures {
	var f JusticeFigures
	for _, q := range paperQuotas(cfg) {
		f.Cases += q.pj + q.jo
		f.HighRisk += q.pjHigh + q.joHigh
	}
	return f
}

// isJusticeStrandAge reports whether an exact age falls in the justice
// strand's definition.
func isJusticeStrandAge(age int) bool { return age >= justiceMinAge && age <= justiceMaxAge }
