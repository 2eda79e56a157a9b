package queries

import (
	"context"
	"fmt"
)

// Records that repeat a case key (provider and case_id) can only be among
// the records whose record key occurs more than once in the store: records
// of one case key have one record key (the store derives it from the case
// key), and a record key shared by different case keys is a rare
// collision. These candidate records are few, so the cube file keeps them,
// every column, in a table of its own (repeatedRecordsTable), and a filter
// change looks for repeated case keys among them instead of in the whole
// case table; without a cube file the case table is searched for the
// candidates' keys (quality_duplicates.sql). The numbers are the same
// (TestQualityCubeEqualsCaseTable).

// repeatedRecordsTable is the cube file's table of the candidate records.
const repeatedRecordsTable = "quality_repeated_records"

// repeatedRecordsStatements build the table of the candidate records in
// the database prefix (a catalog followed by a dot, or ""); the cube file
// runs them beside the cubes (cubefile.go), and they are part of its
// fingerprint.
func repeatedRecordsStatements(prefix string) []string {
	return []string{sqlText("quality_repeated_records", map[string]string{"table": prefix + repeatedRecordsTable})}
}

// repeatedRecordsSource is the table the candidate records are read from:
// the cube file's table when the store has a cube, else the case table.
func (s *Store) repeatedRecordsSource() string {
	if s.cube != nil {
		return s.cube.prefix + repeatedRecordsTable
	}
	return "case_records"
}

// qualityDuplicates counts the records of the selection that repeat
// another record's case key (FindingDuplicateCaseKeys).
func (s *Store) qualityDuplicates(ctx context.Context, f Filter, q *Quality) error {
	cands, err := s.repeatedRecordKeys(ctx)
	if err != nil {
		return err
	}
	// When the whole store has no repeated case key (the importer refuses
	// a case id twice, so that is the rule), no selection of it has one.
	var c exactCell
	if len(cands) > 0 && s.storeHasDuplicates {
		if c, err = s.duplicateCaseKeys(ctx, f, cands); err != nil {
			return err
		}
	}
	q.findingPresent[FindingDuplicateCaseKeys] = s.present(f, c)
	for i := range q.Findings {
		if q.Findings[i].Code == FindingDuplicateCaseKeys {
			q.Findings[i].Count = s.protectCell(c)
			return nil
		}
	}
	q.Findings = append(q.Findings, Finding{Code: FindingDuplicateCaseKeys, Count: s.protectCell(c)})
	return nil
}

// repeatedRecordKeys returns the record keys that occur more than once in
// the store, and sets storeHasDuplicates when the store holds a repeated
// case key. Neither depends on the filter and the store does not change
// while open, so they are found once (a failed or cancelled try is retried
// by the next call) and kept outside the result cache.
func (s *Store) repeatedRecordKeys(ctx context.Context) ([]uint32, error) {
	s.repeatedMu.Lock()
	defer s.repeatedMu.Unlock()
	if s.repeated != nil {
		return s.repeated, nil
	}
	text := sqlText("repeated_record_keys", map[string]string{"records": s.repeatedRecordsSource()})
	rows, err := s.query(ctx, text)
	if err != nil {
		return nil, fmt.Errorf("quality report, repeated record keys: %w", err)
	}
	defer rows.Close()
	out := []uint32{}
	for rows.Next() {
		var k uint32
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("quality report, repeated record keys: %w", err)
	}
	if len(out) > 0 {
		all, err := s.duplicateCaseKeys(ctx, Filter{}, out)
		if err != nil {
			return nil, err
		}
		s.storeHasDuplicates = all.n > 0
	}
	s.repeated = out
	return out, nil
}

// duplicateCaseKeys counts the records under f that repeat another
// record's case key among the candidate records of the record keys cands.
func (s *Store) duplicateCaseKeys(ctx context.Context, f Filter, cands []uint32) (exactCell, error) {
	dq := caseSQL("quality_duplicates", f, yearIntake, baseAll,
		map[string]string{"records": s.repeatedRecordsSource()}, map[string]any{"candidates": cands})
	return cached(s, ctx, dq, func() (exactCell, error) {
		var c exactCell
		if err := s.queryRow(ctx, dq.text, dq.args...).Scan(&c.n, &c.ck); err != nil {
			return c, fmt.Errorf("quality report, duplicate case keys: %w", err)
		}
		return c, nil
	})
}
