package synth

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"

	"lagebild/datasets/schema"
)

// pcgStream is the fixed second PCG word; the Config's Seed is the first.
const pcgStream = 0x6c6167656269_6c64 // "lagebild"

// Header returns the CSV header Write uses: the canonical column names of
// schema.Columns in order, with the exact age column and without age_band.
func Header() []string {
	h := make([]string, 0, len(schema.Columns))
	for _, c := range schema.Columns {
		if c.Name != "age_band" {
			h = append(h, c.Name)
		}
	}
	return h
}

// Column ids of the output row.
const (
	colEmpty = iota // a column the generator does not fill (always empty)
	colCaseID
	colProvider
	colState
	colPhenomenon
	colIntake
	colAge
	colGender
	colAccess
	colIntrinsic
	colRisk
	colReturnee
	colCustody
	colMulti
	colStatus
	colClosed
	colOutcome
	colRelapse
	colContacts
)

// columnIDs maps the header to column ids. A required schema column the
// generator does not know panics: the generator must learn it first.
func columnIDs(header []string) []int {
	ids := make([]int, len(header))
	for i, name := range header {
		id := map[string]int{
			"case_id": colCaseID, "provider": colProvider, "state": colState,
			"phenomenon": colPhenomenon, "intake": colIntake, "age": colAge,
			"gender": colGender, "access_route": colAccess,
			"intrinsic_motivation": colIntrinsic, "risk_level": colRisk,
			"returnee": colReturnee, "custody": colCustody, "multi_agency": colMulti,
			"status": colStatus, "closed": colClosed, "outcome": colOutcome,
			"relapse": colRelapse, "contacts": colContacts,
		}[name]
		if id == colEmpty {
			id = detailColumns[name] // schema 2, schema2.go
		}
		if id == colEmpty {
			if c, _ := schema.ByName(name); c.Required {
				panic("synth: the generator does not fill the required column " + name)
			}
		}
		ids[i] = id
	}
	return ids
}

// Tri-state booleans of a row.
const (
	triEmpty int8 = iota
	triFalse
	triTrue
)

// row is one generated case. Code fields are indexes into the schema code
// lists; -1 means empty.
type row struct {
	provider  *provider
	year, seq int
	state     int
	phen      int
	intake    int // month index: year*12 + month-1
	age       int
	band      int
	gender    int
	access    int
	intrinsic int8
	risk      int
	returnee  int8
	custody   int8
	multi     int8
	status    int
	closed    int // month index or -1
	outcome   int
	relapse   int
	contacts  int
	details   details // schema 2, schema2.go
}

// Write writes cfg.Cases synthetic cases as CSV (header first) to w. It
// streams: memory does not grow with Cases. The same cfg gives the same
// bytes.
func Write(ctx context.Context, w io.Writer, cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	cfg = cfg.withDefaults()
	g := newGenerator(cfg)
	bw := bufio.NewWriterSize(w, 256<<10)
	header := cfg.header()
	ids := columnIDs(header)
	for i, h := range header {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString(h)
	}
	bw.WriteByte('\n')

	buf := make([]byte, 0, 256)
	done := 0
	var werr error
	err := g.run(func(r *row) bool {
		buf = appendRow(buf[:0], r, ids)
		if _, werr = bw.Write(buf); werr != nil {
			return false
		}
		done++
		if done%4096 == 0 {
			if werr = ctx.Err(); werr != nil {
				return false
			}
		}
		if cfg.Progress != nil && done%cfg.ProgressEvery == 0 && done < cfg.Cases {
			cfg.Progress(done)
		}
		return true
	})
	if werr != nil {
		return werr
	}
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if done != cfg.Cases {
		return fmt.Errorf("synth: generated %d rows, want %d", done, cfg.Cases)
	}
	if cfg.Progress != nil {
		cfg.Progress(done)
	}
	return nil
}

// Each calls fn with the fields of every case of cfg, in the order of
// Header, with exactly the values Write writes (so a consumer of the
// fields sees what a reader of the CSV would). The slice and its strings
// are fn's until it returns; the slice is reused. An error of fn stops
// the generation and is returned.
func Each(ctx context.Context, cfg Config, fn func(rec []string) error) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	cfg = cfg.withDefaults()
	g := newGenerator(cfg)
	ids := columnIDs(cfg.header())
	rec := make([]string, len(ids))
	ends := make([]int, len(ids))
	buf := make([]byte, 0, 256)
	done := 0
	var ferr error
	err := g.run(func(r *row) bool {
		// One string per case, the fields slices of it.
		buf = buf[:0]
		for i, id := range ids {
			buf = appendField(buf, r, id)
			ends[i] = len(buf)
		}
		line, start := string(buf), 0
		for i, end := range ends {
			rec[i] = line[start:end]
			start = end
		}
		if ferr = fn(rec); ferr != nil {
			return false
		}
		done++
		if done%4096 == 0 {
			ferr = ctx.Err()
		}
		return ferr == nil
	})
	if ferr != nil {
		return ferr
	}
	if err != nil {
		return err
	}
	if done != cfg.Cases {
		return fmt.Errorf("synth: generated %d rows, want %d", done, cfg.Cases)
	}
	return nil
}

// appendRow appends r as one CSV line. No generated value needs quoting.
func appendRow(b []byte, r *row, ids []int) []byte {
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendField(b, r, id)
	}
	return append(b, '\n')
}

// appendField appends the value of column id of r.
func appendField(b []byte, r *row, id int) []byte {
	switch id {
	case colCaseID:
		b = append(b, r.provider.code...)
		b = append(b, '-')
		b = strconv.AppendInt(b, int64(r.year), 10)
		b = append(b, '-')
		for d := 10000; d > 1 && r.seq < d; d /= 10 {
			b = append(b, '0')
		}
		b = strconv.AppendInt(b, int64(r.seq), 10)
	case colProvider:
		b = append(b, r.provider.code...)
	case colState:
		b = append(b, schema.States[r.state]...)
	case colPhenomenon:
		b = append(b, schema.Phenomena[r.phen]...)
	case colIntake:
		b = appendMonth(b, r.intake)
	case colAge:
		b = strconv.AppendInt(b, int64(r.age), 10)
	case colGender:
		b = appendCode(b, schema.Genders, r.gender)
	case colAccess:
		b = append(b, schema.AccessRoutes[r.access]...)
	case colIntrinsic:
		b = appendTri(b, r.intrinsic)
	case colRisk:
		b = append(b, schema.RiskLevels[r.risk]...)
	case colReturnee:
		b = appendTri(b, r.returnee)
	case colCustody:
		b = appendTri(b, r.custody)
	case colMulti:
		b = appendTri(b, r.multi)
	case colStatus:
		b = append(b, schema.Statuses[r.status]...)
	case colClosed:
		if r.closed >= 0 {
			b = appendMonth(b, r.closed)
		}
	case colOutcome:
		b = appendCode(b, schema.Outcomes, r.outcome)
	case colRelapse:
		b = appendCode(b, schema.Relapses, r.relapse)
	case colContacts:
		if r.contacts >= 0 {
			b = strconv.AppendInt(b, int64(r.contacts), 10)
		}
	default:
		b = appendDetail(b, r, id)
	}
	return b
}

func appendMonth(b []byte, m int) []byte {
	b = strconv.AppendInt(b, int64(m/12), 10)
	mo := m%12 + 1
	return append(b, '-', byte('0'+mo/10), byte('0'+mo%10))
}

func appendCode(b []byte, list []string, i int) []byte {
	if i < 0 {
		return b
	}
	return append(b, list[i]...)
}

func appendTri(b []byte, t int8) []byte {
	switch t {
	case triTrue:
		return append(b, "true"...)
	case triFalse:
		return append(b, "false"...)
	}
	return b
}

// generator draws the cases of one Config in a fixed order from one PCG
// stream: year by year, within a year provider by provider, within a
// provider month by month.
type generator struct {
	cfg   Config
	r     *rand.Rand
	ref   int // export month index: December of ToYear
	years []int
	quota []quota

	// per year
	phen   []dist // by provider
	age    []dist // by phenomenon
	ageT12 []dist // by phenomenon, for providers with a minors factor
	access [][ageClasses][]dist

	progAge dist
	det     *detailGen // schema 2, schema2.go
}

func newGenerator(cfg Config) *generator {
	g := &generator{
		cfg: cfg,
		r:   rand.New(rand.NewPCG(cfg.Seed, pcgStream)),
		ref: cfg.ToYear*12 + 11,
		det: newDetailGen(cfg),
	}
	g.years = yearCounts(cfg)
	g.quota = programmeQuotas(cfg, g.years)
	w := weightsOf(schema.AgeBands, ageWeights["islamist"])
	w[bandUnder14] = 0 // no children among the programme's cases
	w[band14to17] *= 0.6
	g.progAge = distOf(w)
	g.access = make([][ageClasses][]dist, len(schema.RiskLevels))
	for risk := range schema.RiskLevels {
		for ac := range ageClasses {
			g.access[risk][ac] = make([]dist, len(providers))
			for p, prov := range providers {
				g.access[risk][ac][p] = accessDist(risk, ac, prov.access)
			}
		}
	}
	return g
}

// run emits every case to emit, stopping early when emit returns false.
func (g *generator) run(emit func(*row) bool) error {
	var r row
	weights := make([]float64, len(providers))
	// Seeded jitter so that provider sizes are not exact proportions: a
	// lasting one (±15 %) per provider and a small one (±5 %) per year, so
	// that the mix of providers, and with it every share, does not jump
	// from one year to the next.
	lasting := make([]float64, len(providers))
	for p := range providers {
		lasting[p] = math.Exp(0.15 * g.r.NormFloat64())
	}
	for yi, total := range g.years {
		y := g.cfg.FromYear + yi
		g.setYear(y)
		q := g.quota[yi]
		for p, prov := range providers {
			weights[p] = prov.weight(y) * lasting[p] * math.Exp(0.05*g.r.NormFloat64())
		}
		// The programme provider's quota comes on top of its ordinary
		// share.
		counts := apportion(total-q.total(), weights)
		for p, prov := range providers {
			n := counts[p]
			var ps *programmeState
			if prov.code == programmeProvider {
				n += q.total()
				ps = &programmeState{remN: n, q: q, remNonR: q.po - q.returnees,
					window: y >= programmeFirstYear}
			}
			seq := 0
			left, wleft := n, 0.0
			for _, s := range seasonality {
				wleft += s
			}
			for m := range 12 {
				k := left
				if m < 11 {
					k = g.binomial(left, seasonality[m]/wleft)
				}
				left -= k
				wleft -= seasonality[m]
				for range k {
					seq++
					g.genCase(&r, p, y, m, seq, ps)
					g.det.fill(&r, g.ref)
					if !emit(&r) {
						return nil
					}
				}
			}
		}
	}
	return nil
}

// programmeState tracks the exact quota of the programme provider within
// one year by selection sampling: each draw takes an item with probability
// remaining-wanted / remaining-items, which hits the quota exactly.
type programmeState struct {
	remN    int   // the provider's cases left in the year
	q       quota // quota left
	remNonR int   // programme cases outside the justice strand and not returnees, left
	// window: the year has a quota (2014 on), so ordinary cases of the
	// provider must not fall into the programme's or the justice strand's
	// definition.
	window bool
}

func (g *generator) take(want *int, of int) bool {
	if *want > 0 && g.r.IntN(of) < *want {
		*want--
		return true
	}
	return false
}

// Strands of the programme provider's cases.
const (
	strandOrdinary         = iota
	strandProgramme        // programme, outside the justice strand
	strandProgrammeJustice // programme and justice strand
	strandJustice          // justice strand, outside the programme
)

// strand is what the quota fixes of one case of the programme provider.
type strand struct {
	kind                    int
	high, returnee, relapse bool
}

func (s strand) programme() bool {
	return s.kind == strandProgramme || s.kind == strandProgrammeJustice
}

func (s strand) justice() bool {
	return s.kind == strandProgrammeJustice || s.kind == strandJustice
}

// drawStrand draws which part of the quota the next case of the programme
// provider fills.
func (g *generator) drawStrand(ps *programmeState) strand {
	var s strand
	q := &ps.q
	u := g.r.IntN(ps.remN)
	ps.remN--
	switch {
	case u < q.po:
		n := q.po
		q.po--
		s.kind = strandProgramme
		s.returnee = g.take(&q.returnees, n)
		if !s.returnee {
			s.relapse = g.take(&q.relapses, ps.remNonR)
			ps.remNonR--
		}
		s.high = g.take(&q.poHigh, n)
	case u < q.po+q.pj:
		n := q.pj
		q.pj--
		s.kind = strandProgrammeJustice
		s.high = g.take(&q.pjHigh, n)
	case u < q.po+q.pj+q.jo:
		n := q.jo
		q.jo--
		s.kind = strandJustice
		s.high = g.take(&q.joHigh, n)
	}
	return s
}

// setYear prepares the distributions that depend on the intake year.
func (g *generator) setYear(y int) {
	g.phen = g.phen[:0]
	for _, p := range providers {
		if p.weight(y) > 0 {
			g.phen = append(g.phen, phenomenonDist(p, y))
		} else {
			g.phen = append(g.phen, dist{})
		}
	}
	g.age = g.age[:0]
	g.ageT12 = g.ageT12[:0]
	for ph := range schema.Phenomena {
		g.age = append(g.age, ageDist(ph, y, 1))
		g.ageT12 = append(g.ageT12, ageDist(ph, y, 1.5))
	}
}

// binomial draws from Binomial(n, p): exactly for small n, by the normal
// approximation for large n (only month counts use it).
func (g *generator) binomial(n int, p float64) int {
	if p >= 1 {
		return n
	}
	if n < 64 {
		k := 0
		for range n {
			if g.r.Float64() < p {
				k++
			}
		}
		return k
	}
	mean := float64(n) * p
	k := int(math.Round(mean + math.Sqrt(mean*(1-p))*g.r.NormFloat64()))
	return min(max(k, 0), n)
}

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

// tri draws a boolean that is empty with probability miss.
func (g *generator) tri(p, miss float64) int8 {
	if g.r.Float64() < miss {
		return triEmpty
	}
	if g.r.Float64() < p {
		return triTrue
	}
	return triFalse
}

// genCase fills r with one case of provider p, intake year y and month m
// (0-based).
func (g *generator) genCase(r *row, p, y, m, seq int, ps *programmeState) {
	prov := providers[p]
	rng := g.r
	*r = row{provider: prov, year: y, seq: seq, intake: y*12 + m, closed: -1,
		gender: -1, outcome: -1, relapse: -1, contacts: -1}
	r.state = prov.states.sample(rng)
	if ps != nil && y == programmeFirstYear {
		r.state = stateHesse // the programme began in Hesse
	}
	miss := prov.missing

	var s strand
	if ps != nil {
		s = g.drawStrand(ps)
	}
	prog, justice := s.programme(), s.justice()

	// Phenomenon, age, gender, risk.
	switch {
	case prog:
		r.phen = phIslamist
	case justice:
		r.phen = justicePhenomena.sample(rng)
	default:
		r.phen = g.phen[p].sample(rng)
	}
	switch {
	case justice:
		r.band = justiceAge.sample(rng)
	case prog:
		r.band = g.progAge.sample(rng)
	case prov.minors != 1:
		r.band = g.ageT12[r.phen].sample(rng)
	default:
		r.band = g.age[r.phen].sample(rng)
	}
	r.age = exactAge(rng, r.band)
	switch {
	case s.returnee:
		r.gender = returneeGender.sample(rng)
	case g.chance(missGender * miss):
		r.gender = -1
	default:
		r.gender = genderDists[r.phen].sample(rng)
	}
	switch {
	case s.high:
		r.risk = riskHigh
	case prog || justice:
		r.risk = riskDanger
	case r.band == bandUnder14:
		r.risk = riskDistsUnder14[r.phen].sample(rng)
	default:
		r.risk = riskDists[r.phen].sample(rng)
	}
	if ps != nil && s.kind == strandOrdinary && ps.window && r.phen == phIslamist {
		// The programme provider's danger-context Islamist cases of
		// 2014–2024 are exactly the programme's.
		r.risk = riskStandard
	}

	// Returnee: meaningful for Islamist cases only, in two waves (see
	// returneeYearFactor).
	switch {
	case prog:
		r.returnee = triFalse
		if s.returnee {
			r.returnee = triTrue
		}
	case r.phen == phIslamist && ps != nil && ps.window:
		r.returnee = g.tri(0, 0.1)
	case r.phen == phIslamist:
		p := [...]float64{0.005, 0.10, 0.18}[r.risk] * returneeYearFactor(y)
		r.returnee = g.tri(p, 0.1)
	default:
		r.returnee = g.tri(0, 0.75)
	}

	// Access route, custody, motivation, multi-agency.
	ac := ageAdult
	switch r.band {
	case bandUnder14:
		ac = ageChild
	case band14to17:
		ac = ageMinor
	}
	switch {
	case justice:
		r.access = accessJustice
	case r.returnee == triTrue && ac != ageChild:
		r.access = returneeAccess.sample(rng)
	case prog:
		r.access = programmeAccess.sample(rng)
	default:
		r.access = g.access[r.risk][ac][p].sample(rng)
	}
	if ps != nil && ps.window && !justice && r.access == accessJustice && isJusticeStrandAge(r.age) {
		// The programme provider's young people with justice access are
		// exactly its justice strand.
		r.access = accessProbation
	}
	switch {
	case justice:
		r.custody = triTrue
	case ac == ageChild:
		r.custody = triFalse
	case r.returnee == triTrue:
		r.custody = g.tri(returneeCustodyRate, missBool*miss)
	default:
		pc := custodyRate[r.access]
		if r.risk == riskHigh {
			pc += 0.1
		}
		r.custody = g.tri(pc, missBool*miss)
	}
	r.intrinsic = g.tri(intrinsicRate[r.access], missIntrinsic*miss)
	pm := multiAgencyRate[r.access]
	switch r.risk {
	case riskDanger:
		pm += 0.15
	case riskHigh:
		pm += 0.25
	}
	switch {
	case prog:
		pm = 0.92
	case r.phen == phRight && y < 2019:
		pm *= 0.35 // multi-agency work reached right-wing cases from 2019 on
	case r.phen != phRight && r.phen != phIslamist:
		pm *= 0.7
	}
	r.multi = g.tri(min(pm, 0.95), missBool*miss)

	// Duration and status: the export date is December of ToYear. The
	// outcome a regular closure would have is drawn first, because it
	// shapes the duration (an exit takes longer than a stabilisation).
	regular := g.regularOutcome(r)
	d := math.Exp(math.Log(durationMedian)+durationSigma*rng.NormFloat64()) * outcomeDuration[regular]
	switch r.risk {
	case riskDanger:
		d *= 1.15
	case riskHigh:
		d *= 1.3
	}
	if r.multi == triTrue {
		d *= 1.15
	}
	if d > maxDuration {
		// The rare longer ones are spread over the long tail instead of
		// piling up at the bound.
		d = longDuration + rng.Float64()*(maxDuration-longDuration)
	}
	dur := max(int(math.Round(d)), minDuration)
	if s.relapse {
		dur = min(dur, 36) // a documented relapse follows a closure
	}
	months := 0 // counselling months for the contacts
	if r.intake+dur <= g.ref {
		pAbort := 0.13
		switch r.intrinsic {
		case triFalse:
			pAbort += 0.12
		case triEmpty:
			pAbort += 0.04
		}
		if r.multi == triTrue {
			pAbort -= 0.04
		}
		u := rng.Float64()
		switch {
		case u < 0.06 && !s.relapse:
			r.status = stTransfer
		case u < 0.06+pAbort:
			r.status = stAborted
			dur = max(minDuration, int(float64(dur)*(0.3+0.5*rng.Float64())))
		default:
			r.status = stRegular
		}
		months = dur
		if r.status != stTransfer {
			r.closed = r.intake + dur
		}
	} else {
		r.status = stOngoing
		months = g.ref - r.intake + 1
		if g.chance(0.03) {
			r.status = stTransfer
			months = max(1, int(float64(months)*(0.3+0.7*rng.Float64())))
		}
	}

	// Outcome of closed cases.
	if r.closed >= 0 && !g.chance(missOutcome*miss) {
		if r.status == stAborted {
			r.outcome = sampleWeights(rng, outcomeAborted)
		} else {
			r.outcome = regular
		}
	}

	// Relapse: known only after a closure, and more likely the longer
	// ago the closure (see relapseSeen).
	switch {
	case s.relapse:
		// The programme's documented relapses (closed cases, except in
		// a year range too short to close them).
		r.relapse = relExtremist
		if rng.IntN(2) == 1 {
			r.relapse = relViolent
		}
	case r.closed < 0:
	case prog:
		r.relapse = relNone // the paper documents no other relapse
	case g.chance(missRelapse * miss):
	default:
		r.relapse = g.relapse(r)
	}

	// Contacts, roughly proportional to the counselling months, fewer a
	// month after the first two years.
	if !g.chance(missContacts * miss) {
		rate := math.Exp(math.Log(1.8) + 0.35*rng.NormFloat64())
		if r.risk == riskHigh {
			rate *= 1.3
		}
		if r.status == stAborted {
			rate *= 0.7
		}
		eff := float64(min(months, 24)) + 0.5*float64(max(months-24, 0))
		r.contacts = min(max(int(math.Round(eff*rate)), 1), 120)
	}
}

// regularOutcome draws the outcome r would have at a regular closure.
func (g *generator) regularOutcome(r *row) int {
	var ww [8]float64
	w := ww[:len(outcomeRegular)]
	copy(w, outcomeRegular)
	if r.intrinsic == triTrue {
		w[outcomeDistanced] *= 1.2
		w[outcomeExited] *= 1.2
	}
	if r.phen == phRight {
		w[outcomeExited] *= 1.3
	}
	return sampleWeights(g.r, w)
}

// relapse draws the relapse value of a closed case: the eventual
// probabilities of an extremist or violent and of another offence, times
// the share of relapses that have happened by the export date.
func (g *generator) relapse(r *row) int {
	fx, fo := relapseRiskFactor[r.risk], 1.0
	if r.multi == triTrue {
		fx *= 0.6
	}
	if r.status == stAborted {
		fx *= 1.5
		fo *= 1.5
	}
	if r.returnee == triTrue {
		fx *= 0.3
	}
	seen := relapseSeen(g.ref - r.closed)
	px := relapseExtremistViolent * fx * seen
	po := relapseOther * fo * seen
	switch u := g.r.Float64(); {
	case u < px*relapseViolentShare:
		return relViolent
	case u < px:
		return relExtremist
	case u < px+po:
		return relOther
	case u < px+po+relapseUnknown:
		return relUnknown
	}
	return relNone
}

// relapseSeen is the share of eventual relapses that have happened
// months after the closure: 1 − exp(−months/relapseTimescale).
func relapseSeen(months int) float64 {
	return 1 - math.Exp(-float64(months)/relapseTimescale)
}

// returneeYearFactor shapes returnee intakes in two waves: people who
// came back on their own from Syria and Iraq, most in 2015–2018, and the
// repatriations from the camps in north-east Syria, 2019–2023.
func returneeYearFactor(y int) float64 {
	switch {
	case y >= 2019 && y <= 2023:
		return 1.6
	case y >= 2015 && y <= 2018:
		return 0.8
	case y == 2014:
		return 0.3
	}
	return 0.25
}

// sampleWeights draws an index from unnormalised weights.
func sampleWeights(r *rand.Rand, w []float64) int {
	sum := 0.0
	for _, v := range w {
		sum += v
	}
	u := r.Float64() * sum
	last := 0
	for i, v := range w {
		if v <= 0 {
			continue
		}
		if u < v {
			return i
		}
		u -= v
		last = i
	}
	return last // only reached through rounding
}
