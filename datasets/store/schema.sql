-- The lagebild store. `cases` and `figures` are the names users query
-- (documented in README.md); everything else is internal.

-- One row per anonymised counselling case, after generalisation.
-- rkey is the record key of the disclosure control (cell key method):
-- a fixed pseudo-random integer in [0, 2^32) from a keyed hash of the
-- pseudonymised case key. It is never part of `cases` or of any export.
CREATE TABLE IF NOT EXISTS case_records (
    case_id              VARCHAR NOT NULL,
    provider             VARCHAR NOT NULL,
    state                VARCHAR NOT NULL,
    phenomenon           VARCHAR NOT NULL,
    intake               DATE    NOT NULL,
    age_band             VARCHAR NOT NULL,
    gender               VARCHAR,
    access_route         VARCHAR NOT NULL,
    intrinsic_motivation BOOLEAN,
    risk_level           VARCHAR NOT NULL,
    returnee             BOOLEAN,
    custody              BOOLEAN,
    multi_agency         BOOLEAN,
    status               VARCHAR NOT NULL,
    closed               DATE,
    outcome              VARCHAR,
    relapse              VARCHAR,
    contacts             INTEGER,
    rkey                 UBIGINT NOT NULL
);

-- The user-facing table of cases: every canonical column, no record key.
CREATE OR REPLACE VIEW cases AS
SELECT case_id, provider, state, phenomenon, intake, age_band, gender,
       access_route, intrinsic_motivation, risk_level, returnee, custody,
       multi_agency, status, closed, outcome, relapse, contacts
FROM case_records;

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
