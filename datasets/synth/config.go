package synth

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"lagebild/datasets/schema"
)

// Defaults and bounds of a Config.
const (
	// DefaultFromYear and DefaultToYear are the intake years generated when
	// a Config leaves them zero: the span of the background paper's
	// programme figures plus the latest full year.
	DefaultFromYear = 2014
	DefaultToYear   = 2025
	// MinYear and MaxYear bound the intake years a Config may ask for.
	MinYear = 2000
	MaxYear = 2030
	// DefaultProgressEvery is how many rows pass between two Progress calls
	// when Config.ProgressEvery is zero.
	DefaultProgressEvery = 1_000_000
)

// ErrInvalidConfig is matched (errors.Is) by every error of
// Config.Validate and FormatOf, a *ConfigError, so a caller can tell bad
// usage from a failure to write.
var ErrInvalidConfig = errors.New("invalid generator configuration")

// invalidConfig is a *ConfigError with the formatted reason.
func invalidConfig(format string, a ...any) error {
	return &ConfigError{Reason: fmt.Sprintf(format, a...)}
}

// Config says what to generate. The same Config (Seed included) always
// gives byte-identical CSV output.
type Config struct {
	// Cases is the number of rows (cases) to write, ≥ 1.
	Cases int
	// Seed seeds the PCG generator of math/rand/v2.
	Seed uint64
	// FromYear and ToYear bound the intake years (inclusive); zero means
	// DefaultFromYear / DefaultToYear. The export date is December of
	// ToYear: no case closes later, and recent intakes are mostly ongoing.
	FromYear, ToYear int
	// Schema is the case-export schema version to write: 1 (without the
	// columns of schema 2) or 2; zero means schema.Version.
	Schema int

	// Progress, if set, is called with the number of rows written so far
	// every ProgressEvery rows and once more when all rows are written.
	// It runs on the generating goroutine.
	Progress func(done int)
	// ProgressEvery is the interval of Progress calls in rows; zero means
	// DefaultProgressEvery.
	ProgressEvery int
}

// withDefaults returns c with zero years and interval replaced by defaults.
func (c Config) withDefaults() Config {
	if c.FromYear == 0 {
		c.FromYear = DefaultFromYear
	}
	if c.ToYear == 0 {
		c.ToYear = DefaultToYear
	}
	if c.ProgressEvery <= 0 {
		c.ProgressEvery = DefaultProgressEvery
	}
	return c
}

// Validate reports whether c (after defaults) can be generated. Its errors
// are *ConfigError (ErrInvalidConfig for errors.Is).
func (c Config) Validate() error {
	c = c.withDefaults()
	switch {
	case c.Cases < 1:
		return invalidConfig("cases must be at least 1, got %d", c.Cases)
	case c.FromYear < MinYear || c.FromYear > MaxYear:
		return invalidConfig("from year %d is outside %d–%d", c.FromYear, MinYear, MaxYear)
	case c.ToYear < MinYear || c.ToYear > MaxYear:
		return invalidConfig("to year %d is outside %d–%d", c.ToYear, MinYear, MaxYear)
	case c.FromYear > c.ToYear:
		return invalidConfig("from year %d is after to year %d", c.FromYear, c.ToYear)
	case c.Schema < 0 || c.Schema > schema.Version:
		return invalidConfig("schema version %d is not 1 or %d", c.Schema, schema.Version)
	}
	return nil
}

// Format is an output file format.
type Format int

const (
	// CSV is comma-separated UTF-8 text with a header row.
	CSV Format = iota + 1
	// Parquet is an Apache Parquet file with every column as text (NULL
	// where the CSV field is empty).
	Parquet
)

// FormatOf returns the format chosen by path's extension (.csv or
// .parquet, any case). Its error is a *ConfigError
// (ErrInvalidConfig for errors.Is).
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, nil
	case ".parquet":
		return Parquet, nil
	}
	return 0, invalidConfig("output %q must end in .csv or .parquet", path)
}
