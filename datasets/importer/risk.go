package importer

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
)

//go:embed risk.sql
var riskSQL string

// Risk is the re-identification risk of a store: how many records fall
// into equivalence classes smaller than K on the quasi-identifiers state,
// age band, gender (missing gender is a value of its own), phenomenon and
// intake year. Such records are unique or nearly unique among the stored
// cases and the first candidates for re-identification.
type Risk struct {
	K       int
	Records int64 // all stored cases
	Classes int64 // all equivalence classes
	// RecordsBelowK and ClassesBelowK count the records in, and the
	// number of, classes with fewer than K records.
	RecordsBelowK int64
	ClassesBelowK int64
	// Share is RecordsBelowK / Records (0 for an empty store).
	Share float64
	// Sizes has one entry per class size 1 … K-1, zeros included.
	Sizes []ClassSize
}

// ClassSize is one bar of the class-size distribution.
type ClassSize struct {
	Size    int
	Classes int64
	Records int64 // Size × Classes
}

// RiskReport computes the re-identification risk of the cases in db for
// threshold k (k < 2 is raised to 2: every class has at least one record).
func RiskReport(ctx context.Context, db *sql.DB, k int) (*Risk, error) {
	if k < 2 {
		k = 2
	}
	risk := &Risk{K: k, Sizes: make([]ClassSize, k-1)}
	for i := range risk.Sizes {
		risk.Sizes[i].Size = i + 1
	}
	rows, err := db.QueryContext(ctx, riskSQL, k)
	if err != nil {
		return nil, fmt.Errorf("risk report: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var size int
		var classes, records int64
		if err := rows.Scan(&size, &classes, &records); err != nil {
			return nil, fmt.Errorf("risk report: %w", err)
		}
		if size == 0 {
			risk.Classes, risk.Records = classes, records
			continue
		}
		risk.Sizes[size-1] = ClassSize{Size: size, Classes: classes, Records: records}
		risk.ClassesBelowK += classes
		risk.RecordsBelowK += records
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("risk report: %w", err)
	}
	if risk.Records > 0 {
		risk.Share = float64(risk.RecordsBelowK) / float64(risk.Records)
	}
	return risk, nil
}
