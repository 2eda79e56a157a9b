// Package synth generates synthetic, anonymised counselling-case exports in
// the canonical case-export format of package schema: one header row with
// the canonical column names (exact `age`, never `age_band`, so the
// importer's generalisation is exercised) and one row per case. No row
// describes a real person; the joint distribution is made up to be
// plausible and to give every view of lagebild something to show.
//
// # Determinism and scale
//
// All randomness comes from one math/rand/v2 PCG stream seeded with
// Config.Seed, consumed in a fixed order (year by year, provider by
// provider, month by month), so the same Config gives byte-identical CSV.
// Rows are written as they are drawn: memory does not depend on
// Config.Cases (about 0.45 µs and no allocation per row; 10 million rows
// take seconds). The split of cases over years is exact (largest
// remainder), the split over providers gets a seeded jitter (±15 % per
// provider, lasting, and ±5 % per year, so shares do not jump), and
// the months of a provider-year are drawn in order, so case numbers rise
// with the intake month.
//
// # The distribution
//
// DISTRIBUTIONS.md in this directory lists every distribution with its
// source (the policy paper, docs/policy-paper-excerpts.md; a public
// figure; or an assumption) and the range TestDocumentedDistributions
// checks on the sample's configuration. In short:
//
// Years. Intakes grow over time: relative weights 0.45 (2014), 0.60,
// 0.75, 0.85, 0.90, 0.95, 0.88 (2020, pandemic dip), 1.00, 1.10, 1.20,
// 1.30, 1.40 (2025); before 2014 they shrink by 10 % a year, after 2025
// grow by 4 % a year. The export date is December of ToYear.
//
// Providers. T01–T12, each active in one to three states, of different
// size and focus: T01 Bavaria/Baden-Württemberg (right-wing), T02 North
// Rhine-Westphalia (general, largest), T03 Lower Saxony/Bremen/Hamburg
// (general, 2.5× the empty values of others), T04 Berlin/Brandenburg
// (left-wing and right-wing), T05 Saxony/Saxony-Anhalt/Thuringia
// (right-wing, Reichsbürger), T06 Baden-Württemberg (Islamist), T07
// Hesse, Berlin, Baden-Württemberg, Bavaria, Lower Saxony, Saxony and
// Thuringia (the paper's states; Islamist, multi-agency programme, see
// below), T08 Schleswig-Holstein/Mecklenburg-Western Pomerania/Hamburg
// (right-wing), T09 Rhineland-Palatinate/Saarland (justice and probation
// access), T10 Bavaria (Islamist, foreign ideology), T11 Berlin/Hamburg
// (Reichsbürger, mixed/unclear; from 2017; 2× empty values), T12 North
// Rhine-Westphalia/Lower Saxony (young, mixed/unclear; from 2020, growing
// 20 % a year).
//
// Phenomenon. The base mix of a year times the provider's focus. Overall
// the right-wing share rises from ≈45 % (2014) to ≈60 % (2025); the
// Islamist share rises from ≈31 % to a peak of ≈37 % in 2016 and falls to
// ≈15 % by 2025; Reichsbürger rise from 2 % to ≈6 %; left-wing ≈5 %,
// foreign ideology ≈5 %, mixed/unclear ≈12 %.
//
// Age. An age band by phenomenon (Reichsbürger mostly 40+, mixed/unclear
// and Islamist young), then an exact age uniform in the band (40_plus:
// 40 + exponential with mean 9, at most 99). From 2020 on, intakes get
// younger: the under_14 and 14_17 weights grow by 20 % and 18_20 by 6 % of
// their base per year, so the share of minors rises from ≈20 % (2018) to
// ≈29 % (2023) and ≈33 % (2025).
//
// Gender. By phenomenon, about 80 % male among known values, 13–27 %
// female (most among left-wing and Islamist cases), 0.5–3 % diverse,
// ≈2 % unknown; ≈2.5 % left empty.
//
// Risk level. By phenomenon: Islamist 70 % standard / 22 % danger context
// / 8 % high risk, right-wing and foreign ideology 86/11/3, Reichsbürger
// 82/15/3, left-wing 90/8/2, mixed/unclear 95/4/1; children under 14 have
// half the danger-context and a third of the high-risk weight.
//
// Access route. By risk level: security authorities bring 4 % of standard
// cases but 45 % of danger-context and 55 % of high-risk cases (so about
// two thirds of security-authority cases are danger context or high risk);
// justice 7/20/40 %. Children under 14 never come through justice or
// probation (age of criminal responsibility) and mostly through youth
// welfare/school and family; minors come less through justice.
//
// Custody. 55 % with justice access, 15 % with probation, 1–5 % otherwise,
// +10 points for high risk; 65 % of returnees; never for children under 14.
//
// Intrinsic motivation. 85 % with self access, 55 % family/social, 45 %
// youth welfare/school and other, 30 % justice and probation, 22 %
// security authority; ≈4 % empty.
//
// Multi-agency. 70 % with security-authority access, 40 % justice, 35 %
// probation, 6 % otherwise; +15 points for danger context, +25 for high
// risk (at most 95 %); right-wing cases before 2019 at 35 % of that (the
// multi-agency format reached right-wing extremism in 2019), phenomena
// other than right-wing and Islamist at 70 %.
//
// Returnee. Only Islamist cases can be returnees: 0.5 % of standard, 10 %
// of danger-context and 18 % of high-risk cases, times 0.3 in 2014, 0.8
// in 2015–2018 (returns on their own), 1.6 in 2019–2023 (repatriations
// from the camps) and 0.25 later; 10 % left empty. For other phenomena
// the value is empty (75 %) or false. Returnees come through security
// authorities (55 %) and justice (30 %).
//
// Duration and status. The outcome a regular closure would have is drawn
// first (below); counselling lasts exp(N(ln 9, 0.9)) months, ×1.6 for
// exited, ×1.25 distanced, ×0.8 otherwise, ×1.15 for danger context, ×1.3
// for high risk, ×1.15 for multi-agency, at least 3 months; a draw above
// 96 months becomes uniform in 36–96 (a long tail: about 5 % of closed
// cases last more than 36 months). A case whose end falls after the
// export date is ongoing (3 % transferred); an earlier one is transferred
// (6 %), closed_aborted (13 %, +12 points without intrinsic motivation,
// −4 with multi-agency; the duration shortened to 30–80 %, at least 3
// months) or closed_regular. closed is set exactly for closed_regular and
// closed_aborted, intake + duration.
//
// Outcome. Only closed cases; 2 % left empty. Regular closures: 38 %
// distanced, 17 % exited, 33 % stabilised, 8 % no change, 4 % unknown
// (distanced and exited ×1.2 with intrinsic motivation, exited ×1.3 for
// right-wing cases). Aborted: 45 % no change, 40 % unknown, the rest
// positive.
//
// Relapse. Only closed cases have a value (8 % empty): follow-up is
// observable after a closure. Eventually 0.45 % relapse with an extremist
// or violent offence (×2 danger context, ×4 high risk, ×0.6 multi-agency,
// ×1.5 aborted, ×0.3 returnees; 40 % of them violent) and 3 % with another
// offence (×1.5 aborted); of these, the share 1 − exp(−t/24) has happened
// t months after the closure, so recent closures show fewer relapses.
// 4 % of the rest are unknown.
//
// Contacts. Counselling months (the duration, or the months up to the
// export date for ongoing cases; after 24 months at half weight) times exp(N(ln 1.8, 0.35)) contacts a
// month, ×1.3 for high risk, ×0.7 for aborted cases, held to 1–120; ≈3 %
// empty.
//
// # The programme provider T07
//
// T07 mirrors the figures of Violence Prevention Network's multi-agency
// work in the background paper (docs/policy-paper-excerpts.md): from 2014
// to 2024, 408 cases with a danger context, 69 of them high-risk persons
// and 61 returnees, two documented relapses (extremist or violent
// offences), none among the returnees; in the justice context 132 violent
// young people, 58 of them high-risk. In the export, T07's cases with
// phenomenon islamist, risk_level danger_context or high_risk and intake
// 2014–2024 are exactly 408, of them exactly 69 high_risk, exactly 61 with
// returnee=true and exactly 2 with relapse extremist_offence or
// violent_offence (no returnee among those two, no other_offence among
// the 408); T07's cases with intake 2014–2024, access_route justice and an
// age of 14–24 are exactly 132, of them 58 high_risk, all in custody (40
// of them belong to the programme as well). The paper gives totals only;
// the yearly split is synthetic (programme cases 10, 30, 50, 55, 50, 45,
// 35, 35, 33, 33, 32 from 2014 to 2024; returnees spread over 2015–2023).
// After 2024 both go on at the level of 2024, so the last year of the data
// has no cliff. These cases come on top of T07's ordinary share; the
// ordinary Islamist cases of T07 from 2014 on are all standard risk and
// its ordinary young cases never come through justice, so that the
// definitions pick out exactly the quotas. The programme cases are mostly
// adults referred by security authorities or justice, 92 % multi-agency.
//
// The figures hold exactly when Config.Cases ≥ ProgrammeFullScaleCases
// (5,000) and the year range covers 2014–2024. With fewer cases all of
// them are scaled by Cases/5000 and rounded (1,000 cases: 82, 14, 12, 0);
// with a narrower range only the in-range years of the yearly split
// remain. T07Figures and T07JusticeFigures return the figures of any
// Config, and the export always holds exactly those.
//
// # Files
//
// Write streams CSV to an io.Writer; WriteFile writes a .csv or .parquet
// file atomically (temporary file beside it, renamed when complete). The
// Parquet file is converted by DuckDB from the CSV: every column is text,
// empty fields become NULL.
package synth
