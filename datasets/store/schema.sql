-- The lagebild store. `cases` and `figures` are the names users query
-- (documented in README.md); everything else is internal.

-- The code lists of the case-export schema (datasets/schema) as ENUM
-- types: a code is stored in one byte, and grouping and filtering by codes
-- is about twice as fast as on text. A test keeps them equal to the
-- schema's lists.
CREATE TYPE IF NOT EXISTS state_code        AS ENUM ('DE-BW', 'DE-BY', 'DE-BE', 'DE-BB', 'DE-HB', 'DE-HH', 'DE-HE', 'DE-MV',
                                                    'DE-NI', 'DE-NW', 'DE-RP', 'DE-SL', 'DE-SN', 'DE-ST', 'DE-SH', 'DE-TH');
CREATE TYPE IF NOT EXISTS phenomenon_code   AS ENUM ('right_wing', 'islamist', 'left_wing', 'foreign_ideology', 'reichsbuerger', 'mixed_unclear');
CREATE TYPE IF NOT EXISTS age_band_code     AS ENUM ('under_14', '14_17', '18_20', '21_24', '25_29', '30_39', '40_plus');
CREATE TYPE IF NOT EXISTS gender_code       AS ENUM ('female', 'male', 'diverse', 'unknown');
CREATE TYPE IF NOT EXISTS access_route_code AS ENUM ('self', 'family_social', 'security_authority', 'justice', 'probation', 'youth_welfare_school', 'other');
CREATE TYPE IF NOT EXISTS risk_level_code   AS ENUM ('standard', 'danger_context', 'high_risk');
CREATE TYPE IF NOT EXISTS status_code       AS ENUM ('ongoing', 'closed_regular', 'closed_aborted', 'transferred');
CREATE TYPE IF NOT EXISTS outcome_code      AS ENUM ('distanced', 'exited', 'stabilised', 'no_change', 'unknown');
CREATE TYPE IF NOT EXISTS relapse_code      AS ENUM ('none', 'extremist_offence', 'violent_offence', 'other_offence', 'unknown');

-- One row per anonymised counselling case, after generalisation.
-- rkey is the record key of the disclosure control (cell key method):
-- a fixed pseudo-random integer in [0, 2^32), a keyed hash under the
-- store's record_key_secret of provider and case id as exported (before
-- pseudonymisation). It is never part of `cases` or of any export.
-- A NOT NULL column holds a value in every record (text is never empty):
-- the quality report counts such a column as complete without looking.
CREATE TABLE IF NOT EXISTS case_records (
    case_id              VARCHAR           NOT NULL CHECK (case_id <> ''),
    provider             VARCHAR           NOT NULL CHECK (provider <> ''),
    state                state_code        NOT NULL,
    phenomenon           phenomenon_code   NOT NULL,
    intake               DATE              NOT NULL,
    age_band             age_band_code     NOT NULL,
    gender               gender_code,
    access_route         access_route_code NOT NULL,
    intrinsic_motivation BOOLEAN,
    risk_level           risk_level_code   NOT NULL,
    returnee             BOOLEAN,
    custody              BOOLEAN,
    multi_agency         BOOLEAN,
    status               status_code       NOT NULL,
    closed               DATE,
    outcome              outcome_code,
    relapse              relapse_code,
    contacts             INTEGER,
    rkey                 UINTEGER          NOT NULL,
    -- facts the quality report counts, as bits (qualityflags.go)
    qflags               USMALLINT         NOT NULL,
    -- whole months from the intake month to the closing month (NULL while
    -- not closed): DuckDB's date_diff('month', intake, closed), computed
    -- once on writing instead of for every record of every duration query
    duration_months      SMALLINT
);

-- The columns of case-export schema 2 and the user-facing view `cases`
-- follow in schema2.sql.

-- Published public figures in long format; every row carries its source.
CREATE TABLE IF NOT EXISTS figures (
    year       INTEGER NOT NULL,
    indicator  VARCHAR NOT NULL,
    phenomenon VARCHAR NOT NULL,
    value      DOUBLE  NOT NULL,
    unit       VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    source_ref VARCHAR NOT NULL,
    note       VARCHAR
);

-- Facts about the store itself: schema version, whether the data is
-- synthetic, when and what was imported (file names and row counts only).
CREATE TABLE IF NOT EXISTS store_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS import_log (
    imported_at TIMESTAMP NOT NULL,
    file        VARCHAR   NOT NULL,
    rows        BIGINT    NOT NULL,
    providers   VARCHAR   NOT NULL
);

-- The secret of the record keys (recordkey.go): 32 random bytes made when
-- the store is first created, carried over by every import into it and
-- never derived from the pseudonymisation key, so that re-importing an
-- export gives the same record keys and so the same noise
-- (docs/privacy-record-keys.md). At most one row; internal, like
-- case_records: the SQL console refuses it.
CREATE TABLE IF NOT EXISTS record_key_secret (
    one    BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
    secret BLOB    NOT NULL CHECK (octet_length(secret) = 32)
);
