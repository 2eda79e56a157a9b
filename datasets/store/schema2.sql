-- The columns of case-export schema 2 (datasets/schema/schema2.go), all
-- optional. They are added to case_records by ALTER TABLE, both when a
-- store is created and when a store of version 4 is migrated (migrate.go),
-- so that a new and a migrated store have the same columns in the same
-- order (the appender writes by position). The outcome dimensions are
-- ratings 0 (no concern) to 3 (severe); agencies is the set of agencies
-- involved (an empty list: none; NULL: not stated).
CREATE TYPE IF NOT EXISTS case_type_code      AS ENUM ('direct', 'relatives');
CREATE TYPE IF NOT EXISTS closure_reason_code AS ENUM ('goal_reached', 'ended_by_client', 'contact_lost', 'moved_or_deported',
                                                      'custody_ended', 'transferred', 'security_related', 'death');
CREATE TYPE IF NOT EXISTS agency_code         AS ENUM ('police', 'state_criminal_police', 'domestic_intelligence', 'justice_prison',
                                                      'probation', 'youth_welfare', 'migration_office', 'school');
CREATE TYPE IF NOT EXISTS relapse_type_code   AS ENUM ('extremist', 'violent', 'other');

ALTER TABLE case_records ADD COLUMN IF NOT EXISTS case_type                     case_type_code;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS closure_reason                closure_reason_code;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS agencies                      agency_code[];
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS case_conferences              INTEGER;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS consent_documented            BOOLEAN;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS risk_level_closed             risk_level_code;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS motivation_closed             BOOLEAN;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS dim_attitudes_intake          UTINYINT;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS dim_behaviour_intake          UTINYINT;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS dim_scene_contacts_intake     UTINYINT;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS dim_social_integration_intake UTINYINT;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS dim_psychosocial_intake       UTINYINT;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS dim_attitudes_closed          UTINYINT;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS dim_behaviour_closed          UTINYINT;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS dim_scene_contacts_closed     UTINYINT;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS dim_social_integration_closed UTINYINT;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS dim_psychosocial_closed       UTINYINT;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS goals_set                     INTEGER;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS goals_reached                 INTEGER;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS relapse_type                  relapse_type_code;
ALTER TABLE case_records ADD COLUMN IF NOT EXISTS relapse_checked               DATE;

-- The user-facing table of cases: every canonical column, no record key.
CREATE OR REPLACE VIEW cases AS
SELECT case_id, provider, state, phenomenon, intake, age_band, gender,
       access_route, intrinsic_motivation, risk_level, returnee, custody,
       multi_agency, status, closed, outcome, relapse, contacts,
       case_type, closure_reason, agencies, case_conferences, consent_documented,
       risk_level_closed, motivation_closed,
       dim_attitudes_intake, dim_behaviour_intake, dim_scene_contacts_intake,
       dim_social_integration_intake, dim_psychosocial_intake,
       dim_attitudes_closed, dim_behaviour_closed, dim_scene_contacts_closed,
       dim_social_integration_closed, dim_psychosocial_closed,
       goals_set, goals_reached, relapse_type, relapse_checked
FROM case_records;
