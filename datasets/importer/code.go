package importer

// Code says what kind of problem a FieldError is, so that callers decide
// by the code and never by the wording of the message (which is for
// people and may change). The values are stable identifiers: the quality
// findings among them appear in `lagebild check --format json`.
type Code string

// Problems of a file as a whole or of its header (line 1).
const (
	CodeUnreadable      Code = "unreadable"       // not Parquet, malformed CSV, tabs as separator, no header line
	CodeNotRegularFile  Code = "not_regular_file" // a directory, FIFO, device or socket instead of a file
	CodeRecordTooLong   Code = "record_too_long"  // a line or record longer than MaxRecordBytes
	CodeNotUTF8         Code = "not_utf8"         // header or record not valid UTF-8
	CodeDuplicateColumn Code = "duplicate_column" // a column twice, also in two spellings
	CodeIdentifier      Code = "identifier"       // a column that looks like a direct identifier
	CodeUnknownColumn   Code = "unknown_column"   // a column not in the schema (without DropUnknown)
	CodeMissingColumn   Code = "missing_column"   // a required column (or age and age_band) missing
)

// Problems of a value or of a data line that make the export invalid.
const (
	CodeFieldCount  Code = "field_count"   // a line with another number of fields than the header
	CodeUnnamed     Code = "unnamed_value" // a value in a column without header
	CodeTooLong     Code = "too_long"      // a case id longer than allowed
	CodeBadProvider Code = "bad_provider"  // a provider that is not a short code
	CodeUnknownCode Code = "unknown_code"  // a value not in the column's code list
	CodeNotBoolean  Code = "not_boolean"
	CodeNotMonth    Code = "not_month"
	CodeNotNumber   Code = "not_number"     // age or contacts not a whole number (≥ 0)
	CodeAgeRange    Code = "age_range"      // age outside the schema's range
	CodeAgeBand     Code = "age_band_match" // age_band not the band of age
	// schema 2
	CodeUnknownAgency  Code = "unknown_agency"  // a member of agencies not in the list (or none beside agencies)
	CodeAgencyRepeated Code = "agency_repeated" // an agency twice in agencies
	CodeScaleRange     Code = "scale_range"     // an outcome-dimension rating not 0–3
)

// Quality findings: problems of a data line that the evaluator's report
// counts (see Options.ExcludeFindings) instead of rejecting the export.
const (
	CodeRequiredMissing    Code = "required_missing"          // a required value empty
	CodeClosedBeforeIntake Code = "closed_before_intake"      // closing month before the intake month
	CodeOutcomeOnOpenCase  Code = "outcome_on_open_case"      // an outcome on a case that is not closed
	CodeClosedMonthOnOpen  Code = "closed_month_on_open_case" // a closing month on a case that is not closed
	CodeClosedWithoutMonth Code = "closed_without_month"      // status closed_* without a closing month
	CodeDuplicateCaseKey   Code = "duplicate_case_keys"       // a case key (provider and case_id) seen before
	// schema 2
	CodeClosureDetailOnOpenCase    Code = "closure_detail_on_open_case"   // closure reason, risk, motivation or a dimension at closure on a case that is not closed
	CodeGoalsReachedAboveSet       Code = "goals_reached_above_set"       // more goals reached than set
	CodeRelapseTypeWithoutRelapse  Code = "relapse_type_without_relapse"  // a relapse type with relapse none
	CodeRelapseCheckedBeforeIntake Code = "relapse_checked_before_intake" // relapse checked before the intake month
)

// Finding reports whether the code is a quality finding of a data line:
// the record is implausible or incomplete, but the export itself can be
// read and the rest of it reported on.
func (c Code) Finding() bool {
	switch c {
	case CodeRequiredMissing, CodeClosedBeforeIntake, CodeOutcomeOnOpenCase,
		CodeClosedMonthOnOpen, CodeClosedWithoutMonth, CodeDuplicateCaseKey,
		CodeClosureDetailOnOpenCase, CodeGoalsReachedAboveSet, CodeRelapseTypeWithoutRelapse, CodeRelapseCheckedBeforeIntake:
		return true
	}
	return false
}
