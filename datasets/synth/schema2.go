package synth

import (
	"math/rand/v2"
	"strconv"

	"lagebild/datasets/schema"
)

// This file fills the columns of case-export schema 2 (datasets/schema/schema2.go)
// from the schema-1 values of a generated case. The values come from a PCG
// stream of their own (detailStream), so that the schema-1 columns are the
// same whether a Config asks for schema 1 or 2, and the distributions of
// the rest of the generator can change without touching these.
//
// DISTRIBUTIONS (assumptions; the background paper gives no figures for
// these columns, so they are chosen to be plausible and internally
// consistent, not to match published numbers):
//
//   - case_type: counselling of relatives for 35 % of the cases that came
//     through family or social environment, 8 % of the others; never for
//     returnees or custody cases. 3 % empty.
//   - agencies: for multi-agency cases each agency with its own chance:
//     police 70 %, state criminal police 35 % (60 % at high risk), domestic
//     intelligence 25 % (50 % for Islamist and foreign-ideology cases),
//     justice/prison 85 % in custody else 10 %, probation 80 % when the
//     access route is probation else 10 %, youth welfare 60 % and school
//     40 % for minors (10 % and 2 % for adults), migration office 30 % for
//     Islamist and foreign-ideology cases else 3 %; at least police when
//     none was drawn. Cases without multi-agency: none (75 %), else youth
//     welfare or school only. Empty when multi_agency is.
//   - case_conferences: for multi-agency cases 0–2 plus about one per
//     year of counselling; 0 for the others (15 % of them one); 10 % empty.
//   - consent_documented: 88 % of multi-agency cases, 55 % of the others;
//     8 % empty.
//   - outcome dimensions at intake: a case's base concern grows with its
//     risk level (standard 1, danger context 2, high risk 2.5 on the 0–3
//     scale) and varies by ±1 per dimension; social integration and
//     psychosocial stability vary more and depend less on risk. 5 % of the
//     cases leave each dimension empty.
//   - at closure (closed cases only): a rating falls by 1–2 for distanced
//     or exited, 0–1 for stabilised, stays or rises by one for no change,
//     changes by −1..1 for unknown outcomes; never below 0.
//   - risk_level_closed (closed cases): one level lower for 45 % of the
//     distanced or exited cases at danger context or high risk, 15 % of the
//     others, one higher for 5 % below high risk; 5 % empty.
//   - motivation_closed (closed cases): 85 % for distanced or exited,
//     60 % stabilised, 30 % otherwise; 7 % empty.
//   - goals_set 1–6 (10 % empty); goals_reached a binomial draw of them with
//     80 % per goal for distanced/exited, 55 % stabilised, 20 % otherwise,
//     30 % while ongoing.
//   - relapse_type follows relapse (extremist_offence → extremist,
//     violent_offence → violent, other_offence → other), empty otherwise.
//   - relapse_checked: when relapse is stated, the closing month plus 0–6
//     months for closed cases, the export month minus 0–6 months for open
//     ones; never before intake or after the export month.

// detailStream is the second PCG word of the schema-2 stream.
const detailStream = 0x7363_6865_6d61_32 // "schema2"

// details are the schema-2 values of a row; ints are -1 when empty.
type details struct {
	caseType      int
	closureReason int
	agencies      int // bit set over schema.Agencies; -1 empty; 0 none
	conferences   int
	consent       int8
	riskClosed    int
	motivation    int8
	dimIntake     [rowDimensions]int
	dimClosed     [rowDimensions]int
	goalsSet      int
	goalsReached  int
	relapseType   int
	relapseCheck  int // month index or -1
}

// detailColumns maps the schema-2 column names to their column ids, which
// follow the schema-1 ids of gen.go.
var detailColumns = func() map[string]int {
	m := map[string]int{}
	for i, c := range schema.Columns {
		if c.Since == 2 {
			m[c.Name] = colDetail + i
		}
	}
	return m
}()

// colDetail is the first column id of the schema-2 columns (offset by the
// column's index in schema.Columns).
const colDetail = 1000

// HeaderOf returns the CSV header Write uses for a schema version (1 or
// 2): Header without the schema-2 columns for version 1.
func HeaderOf(version int) []string {
	var h []string
	for _, name := range Header() {
		if c, _ := schema.ByName(name); c.Since <= version {
			h = append(h, name)
		}
	}
	return h
}

// header is the header of cfg's schema version.
func (c Config) header() []string {
	if c.Schema == 1 {
		return HeaderOf(1)
	}
	return Header()
}

// detailGen draws the schema-2 values.
type detailGen struct {
	r *rand.Rand
}

// newDetailGen returns the generator of cfg's schema-2 values, nil for a
// schema-1 Config (which writes none of them, so draws none).
func newDetailGen(cfg Config) *detailGen {
	if cfg.Schema == 1 {
		return nil
	}
	return &detailGen{r: rand.New(rand.NewPCG(cfg.Seed, detailStream))}
}

func (d *detailGen) chance(p float64) bool { return d.r.Float64() < p }

// tri is true with p, false otherwise, empty with miss.
func (d *detailGen) tri(p, miss float64) int8 {
	if d.chance(miss) {
		return triEmpty
	}
	if d.chance(p) {
		return triTrue
	}
	return triFalse
}

// Indexes into the schema-2 code lists.
const (
	ctDirect, ctRelatives                                                            = 0, 1
	agPolice, agLKA, agIntel, agJustice, agProbation, agYouth, agMigration, agSchool = 0, 1, 2, 3, 4, 5, 6, 7
)

// fill draws the schema-2 values of r (ref: the export month index).
func (d *detailGen) fill(r *row, ref int) {
	if d == nil {
		return
	}
	x := &r.details
	closedCase := r.closed >= 0
	minor := r.band == bandUnder14 || r.band == band14to17
	islamistOrForeign := r.phen == phIslamist || schema.Phenomena[r.phen] == "foreign_ideology"
	good := r.outcome >= 0 && (schema.Outcomes[r.outcome] == "distanced" || schema.Outcomes[r.outcome] == "exited")
	stabilised := r.outcome >= 0 && schema.Outcomes[r.outcome] == "stabilised"

	// case type
	x.caseType = ctDirect
	switch {
	case d.chance(0.03):
		x.caseType = -1
	case r.returnee == triTrue || r.custody == triTrue:
	case schema.AccessRoutes[r.access] == "family_social" && d.chance(0.35), d.chance(0.08):
		x.caseType = ctRelatives
	}

	// agencies, conferences, consent
	years := 1 + (ref-r.intake)/12
	if closedCase {
		years = 1 + (r.closed-r.intake)/12
	}
	switch r.multi {
	case triEmpty:
		x.agencies = -1
		x.conferences = -1
	case triTrue:
		p := [8]float64{0.70, 0.35, 0.25, 0.10, 0.10, 0.10, 0.03, 0.02}
		if r.risk == riskHigh {
			p[agLKA] = 0.60
		}
		if islamistOrForeign {
			p[agIntel], p[agMigration] = 0.50, 0.30
		}
		if r.custody == triTrue {
			p[agJustice] = 0.85
		}
		if schema.AccessRoutes[r.access] == "probation" {
			p[agProbation] = 0.80
		}
		if minor {
			p[agYouth], p[agSchool] = 0.60, 0.40
		}
		set := 0
		for i, pi := range p {
			if d.chance(pi) {
				set |= 1 << i
			}
		}
		if set == 0 {
			set = 1 << agPolice
		}
		x.agencies = set
		x.conferences = d.r.IntN(3) + d.r.IntN(years+1)
	default:
		x.agencies = 0
		if !d.chance(0.75) {
			x.agencies = 1 << agYouth
			if minor && d.chance(0.5) {
				x.agencies |= 1 << agSchool
			}
		}
		x.conferences = 0
		if d.chance(0.15) {
			x.conferences = 1
		}
	}
	if x.conferences >= 0 && d.chance(0.10) {
		x.conferences = -1
	}
	x.consent = d.tri(0.55, 0.08)
	if r.multi == triTrue {
		x.consent = d.tri(0.88, 0.08)
	}

	// outcome dimensions
	base := [...]float64{1, 2, 2.5}[r.risk]
	for i := range x.dimIntake {
		spread, weight := 1.0, 1.0
		if i >= 3 { // social integration, psychosocial
			spread, weight = 1.3, 0.5
		}
		v := weight*base + (1-weight)*1.5 + spread*(d.r.Float64()*2-1)
		x.dimIntake[i] = clampScale(int(v + 0.5))
		if d.chance(0.05) {
			x.dimIntake[i] = -1
		}
		x.dimClosed[i] = -1
		if !closedCase || x.dimIntake[i] < 0 {
			continue
		}
		var delta int
		switch {
		case good:
			delta = -1 - d.r.IntN(2)
		case stabilised:
			delta = -d.r.IntN(2)
		case r.outcome >= 0 && schema.Outcomes[r.outcome] == "no_change":
			delta = d.r.IntN(2) * d.r.IntN(2) // mostly 0, sometimes +1
		default:
			delta = d.r.IntN(3) - 1
		}
		x.dimClosed[i] = clampScale(x.dimIntake[i] + delta)
	}

	// closure: reason, risk, motivation
	x.closureReason, x.riskClosed, x.motivation = -1, -1, triEmpty
	if closedCase {
		x.closureReason = d.closureReason(r, good)
		x.riskClosed = r.risk
		switch {
		case r.risk > 0 && good && d.chance(0.45), r.risk > 0 && !good && d.chance(0.15):
			x.riskClosed--
		case r.risk < riskHigh && d.chance(0.05):
			x.riskClosed++
		}
		if d.chance(0.05) {
			x.riskClosed = -1
		}
		p := 0.30
		switch {
		case good:
			p = 0.85
		case stabilised:
			p = 0.60
		}
		x.motivation = d.tri(p, 0.07)
	}

	// goals
	x.goalsSet, x.goalsReached = -1, -1
	if !d.chance(0.10) {
		x.goalsSet = 1 + d.r.IntN(6)
		p := 0.30
		switch {
		case good:
			p = 0.80
		case stabilised:
			p = 0.55
		case closedCase:
			p = 0.20
		}
		x.goalsReached = 0
		for range x.goalsSet {
			if d.chance(p) {
				x.goalsReached++
			}
		}
	}

	// relapse type and check
	x.relapseType, x.relapseCheck = -1, -1
	if r.relapse >= 0 {
		switch schema.Relapses[r.relapse] {
		case "extremist_offence":
			x.relapseType = 0
		case "violent_offence":
			x.relapseType = 1
		case "other_offence":
			x.relapseType = 2
		}
		m := ref - d.r.IntN(7)
		if closedCase {
			m = min(r.closed+d.r.IntN(7), ref)
		}
		x.relapseCheck = max(m, r.intake)
	}
}

// closureReason draws why a closed case was closed: mostly goal reached
// for good outcomes, dropout reasons for the others.
func (d *detailGen) closureReason(r *row, good bool) int {
	// goal_reached, ended_by_client, contact_lost, moved_or_deported,
	// custody_ended, transferred, security_related, death
	w := []float64{10, 20, 25, 8, 3, 10, 3, 0.5}
	switch {
	case good:
		w = []float64{70, 8, 5, 4, 2, 8, 2, 0.2}
	case schema.Statuses[r.status] == "closed_regular":
		w = []float64{40, 15, 10, 8, 5, 15, 5, 0.5}
	}
	if r.custody != triTrue {
		w[4] = 0
	}
	if d.chance(0.04) {
		return -1
	}
	return sampleWeights(d.r, w)
}

func clampScale(v int) int { return max(schema.MinScale, min(schema.MaxScale, v)) }

// detailKinds are the kinds of the schema-2 columns by column id (the
// index into schema.Columns); appendDetail switches on them once, when the
// table is built, not for every row.
var detailKinds = func() []detailKind {
	kinds := make([]detailKind, len(schema.Columns))
	for i, c := range schema.Columns {
		kinds[i] = detailKindOf(c.Name)
	}
	return kinds
}()

// detailKind says which value of a row's details a column holds.
type detailKind int

const (
	dkNone detailKind = iota
	dkCaseType
	dkClosureReason
	dkAgencies
	dkConferences
	dkConsent
	dkRiskClosed
	dkMotivation
	dkGoalsSet
	dkGoalsReached
	dkRelapseType
	dkRelapseChecked
	dkDimIntake // + dimension index
	dkDimClosed = dkDimIntake + rowDimensions
)

// rowDimensions is len(schema.Dimensions); a test keeps them equal.
const rowDimensions = 5

func detailKindOf(name string) detailKind {
	for i, dim := range schema.Dimensions {
		switch name {
		case schema.DimensionIntake(dim):
			return dkDimIntake + detailKind(i)
		case schema.DimensionClosed(dim):
			return dkDimClosed + detailKind(i)
		}
	}
	return map[string]detailKind{
		"case_type": dkCaseType, "closure_reason": dkClosureReason, "agencies": dkAgencies,
		"case_conferences": dkConferences, "consent_documented": dkConsent, "risk_level_closed": dkRiskClosed,
		"motivation_closed": dkMotivation, "goals_set": dkGoalsSet, "goals_reached": dkGoalsReached,
		"relapse_type": dkRelapseType, "relapse_checked": dkRelapseChecked,
	}[name]
}

// appendDetail appends the value of the schema-2 column id of r.
func appendDetail(b []byte, r *row, id int) []byte {
	if id < colDetail {
		return b // a column the generator does not fill
	}
	x := &r.details
	k := detailKinds[id-colDetail]
	switch {
	case k >= dkDimClosed:
		return appendCount(b, x.dimClosed[k-dkDimClosed])
	case k >= dkDimIntake:
		return appendCount(b, x.dimIntake[k-dkDimIntake])
	}
	switch k {
	case dkCaseType:
		return appendCode(b, schema.CaseTypes, x.caseType)
	case dkClosureReason:
		return appendCode(b, schema.ClosureReasons, x.closureReason)
	case dkAgencies:
		if x.agencies < 0 {
			return b
		}
		if x.agencies == 0 {
			return append(b, schema.AgencyNone...)
		}
		first := true
		for i, a := range schema.Agencies {
			if x.agencies&(1<<i) != 0 {
				if !first {
					b = append(b, schema.AgencySeparator...)
				}
				b = append(b, a...)
				first = false
			}
		}
		return b
	case dkConferences:
		return appendCount(b, x.conferences)
	case dkConsent:
		return appendTri(b, x.consent)
	case dkRiskClosed:
		return appendCode(b, schema.RiskLevels, x.riskClosed)
	case dkMotivation:
		return appendTri(b, x.motivation)
	case dkGoalsSet:
		return appendCount(b, x.goalsSet)
	case dkGoalsReached:
		return appendCount(b, x.goalsReached)
	case dkRelapseType:
		return appendCode(b, schema.RelapseTypes, x.relapseType)
	case dkRelapseChecked:
		if x.relapseCheck >= 0 {
			b = appendMonth(b, x.relapseCheck)
		}
		return b
	}
	return b
}

func appendCount(b []byte, n int) []byte {
	if n < 0 {
		return b
	}
	return strconv.AppendInt(b, int64(n), 10)
}
