-- The fast path of ImportToStore (fastload.go): one CSV export read by
-- DuckDB's vectorised CSV reader and inserted into case_records in one
-- statement, with the generalisation of the Go path (age → band, months
-- → first day) and the pseudonyms and record keys from the import's Go
-- functions lagebild_pseudonym and lagebild_record_key (fastloadudf.go).
--
-- Only rows that pass every rule are inserted (the first other row stops
-- the statement with an error), each rule at least as
-- strict as datasets/importer/validate.go and validate2.go: values must be
-- in their canonical spelling (codes as in the ENUM types, months as
-- YYYY-MM, whole numbers as plain digits, booleans as the lower-case words
-- of schema.ParseBool). The caller also compares the rows inserted with
-- the lines of the file; on an error or any difference the file is not
-- clean, the transaction is rolled back and the Go path reads it again to give its
-- file:line:column messages (docs/architecture.md, "Import").
--
-- $names are the canonical names of the file's columns in file order (the
-- header as the Go path mapped it); columns the file lacks come from the
-- empty template `absent`, so they are NULL.
INSERT INTO case_records BY NAME
WITH absent AS (
    SELECT NULL::VARCHAR AS case_id, NULL::VARCHAR AS provider, NULL::VARCHAR AS state,
           NULL::VARCHAR AS phenomenon, NULL::VARCHAR AS intake, NULL::VARCHAR AS age,
           NULL::VARCHAR AS age_band, NULL::VARCHAR AS gender, NULL::VARCHAR AS access_route,
           NULL::VARCHAR AS intrinsic_motivation, NULL::VARCHAR AS risk_level,
           NULL::VARCHAR AS returnee, NULL::VARCHAR AS custody, NULL::VARCHAR AS multi_agency,
           NULL::VARCHAR AS status, NULL::VARCHAR AS closed, NULL::VARCHAR AS outcome,
           NULL::VARCHAR AS relapse, NULL::VARCHAR AS contacts,
           NULL::VARCHAR AS case_type, NULL::VARCHAR AS closure_reason, NULL::VARCHAR AS agencies,
           NULL::VARCHAR AS case_conferences, NULL::VARCHAR AS consent_documented,
           NULL::VARCHAR AS risk_level_closed, NULL::VARCHAR AS motivation_closed,
           NULL::VARCHAR AS dim_attitudes_intake, NULL::VARCHAR AS dim_behaviour_intake,
           NULL::VARCHAR AS dim_scene_contacts_intake, NULL::VARCHAR AS dim_social_integration_intake,
           NULL::VARCHAR AS dim_psychosocial_intake,
           NULL::VARCHAR AS dim_attitudes_closed, NULL::VARCHAR AS dim_behaviour_closed,
           NULL::VARCHAR AS dim_scene_contacts_closed, NULL::VARCHAR AS dim_social_integration_closed,
           NULL::VARCHAR AS dim_psychosocial_closed,
           NULL::VARCHAR AS goals_set, NULL::VARCHAR AS goals_reached,
           NULL::VARCHAR AS relapse_type, NULL::VARCHAR AS relapse_checked
    WHERE false
),
raw AS (
    SELECT * FROM absent
    UNION ALL BY NAME
    SELECT * FROM read_csv($file, header = false, skip = 1, all_varchar = true, names = $names,
                           delim = $delim, quote = '"', escape = '"', comment = '',
                           strict_mode = true, null_padding = false, ignore_errors = false)
),
-- Every value typed; NULL where it is empty or not in canonical form.
typed AS (
    SELECT
        case_id AS case_id_raw, provider AS provider_raw,
        CASE WHEN strlen(case_id) <= $case_id_max_len
              AND NOT regexp_matches(case_id, '^[\s\v\x{85}\p{Z}]|[\s\v\x{85}\p{Z}]$')
             THEN case_id END AS case_key,
        CASE WHEN strlen(provider) <= $provider_max_len AND regexp_full_match(provider, '[A-Za-z0-9._-]+')
             THEN provider END AS provider_code,
        state, TRY_CAST(state AS state_code) AS state_t,
        phenomenon, TRY_CAST(phenomenon AS phenomenon_code) AS phenomenon_t,
        intake, lagebild_month(intake, $min_year, $max_year) AS intake_t,
        age, CASE WHEN regexp_full_match(age, '[0-9]{1,3}') AND TRY_CAST(age AS INTEGER) BETWEEN $min_age AND $max_age
                  THEN TRY_CAST(age AS INTEGER) END AS age_t,
        age_band, TRY_CAST(age_band AS age_band_code) AS age_band_t,
        gender, TRY_CAST(gender AS gender_code) AS gender_t,
        access_route, TRY_CAST(access_route AS access_route_code) AS access_route_t,
        intrinsic_motivation, lagebild_bool(intrinsic_motivation, $true_words, $false_words) AS intrinsic_motivation_t,
        risk_level, TRY_CAST(risk_level AS risk_level_code) AS risk_level_t,
        returnee, lagebild_bool(returnee, $true_words, $false_words) AS returnee_t,
        custody, lagebild_bool(custody, $true_words, $false_words) AS custody_t,
        multi_agency, lagebild_bool(multi_agency, $true_words, $false_words) AS multi_agency_t,
        status, TRY_CAST(status AS status_code) AS status_t,
        closed, lagebild_month(closed, $min_year, $max_year) AS closed_t,
        outcome, TRY_CAST(outcome AS outcome_code) AS outcome_t,
        relapse, TRY_CAST(relapse AS relapse_code) AS relapse_t,
        contacts, lagebild_count(contacts) AS contacts_t,
        case_type, TRY_CAST(case_type AS case_type_code) AS case_type_t,
        closure_reason, TRY_CAST(closure_reason AS closure_reason_code) AS closure_reason_t,
        agencies,
        CASE WHEN agencies = $agency_none THEN []::agency_code[]
             WHEN len(list_distinct(TRY_CAST(string_split(agencies, $agency_separator) AS agency_code[])))
                  = len(string_split(agencies, $agency_separator))
             THEN list_sort(string_split(agencies, $agency_separator)::agency_code[]) END AS agencies_t,
        case_conferences, lagebild_count(case_conferences) AS case_conferences_t,
        consent_documented, lagebild_bool(consent_documented, $true_words, $false_words) AS consent_documented_t,
        risk_level_closed, TRY_CAST(risk_level_closed AS risk_level_code) AS risk_level_closed_t,
        motivation_closed, lagebild_bool(motivation_closed, $true_words, $false_words) AS motivation_closed_t,
        dim_attitudes_intake, lagebild_rating(dim_attitudes_intake, $min_scale, $max_scale) AS dim_attitudes_intake_t,
        dim_behaviour_intake, lagebild_rating(dim_behaviour_intake, $min_scale, $max_scale) AS dim_behaviour_intake_t,
        dim_scene_contacts_intake, lagebild_rating(dim_scene_contacts_intake, $min_scale, $max_scale) AS dim_scene_contacts_intake_t,
        dim_social_integration_intake, lagebild_rating(dim_social_integration_intake, $min_scale, $max_scale) AS dim_social_integration_intake_t,
        dim_psychosocial_intake, lagebild_rating(dim_psychosocial_intake, $min_scale, $max_scale) AS dim_psychosocial_intake_t,
        dim_attitudes_closed, lagebild_rating(dim_attitudes_closed, $min_scale, $max_scale) AS dim_attitudes_closed_t,
        dim_behaviour_closed, lagebild_rating(dim_behaviour_closed, $min_scale, $max_scale) AS dim_behaviour_closed_t,
        dim_scene_contacts_closed, lagebild_rating(dim_scene_contacts_closed, $min_scale, $max_scale) AS dim_scene_contacts_closed_t,
        dim_social_integration_closed, lagebild_rating(dim_social_integration_closed, $min_scale, $max_scale) AS dim_social_integration_closed_t,
        dim_psychosocial_closed, lagebild_rating(dim_psychosocial_closed, $min_scale, $max_scale) AS dim_psychosocial_closed_t,
        goals_set, lagebild_count(goals_set) AS goals_set_t,
        goals_reached, lagebild_count(goals_reached) AS goals_reached_t,
        relapse_type, TRY_CAST(relapse_type AS relapse_type_code) AS relapse_type_t,
        relapse_checked, lagebild_month(relapse_checked, $min_year, $max_year) AS relapse_checked_t
    FROM raw
),
-- The age band of the record: of the age when it is given, else as given.
banded AS (
    SELECT *,
           coalesce($age_bands[age_t + 1]::age_band_code, age_band_t) AS band,
           status_t IN ('closed_regular', 'closed_aborted') AS is_closed
    FROM typed
),
-- A row that breaks a rule stops the statement at once (error), so an
-- export that is not clean costs little before the Go path reads it.
clean AS (
    SELECT * FROM banded
    WHERE CASE WHEN case_key IS NOT NULL AND provider_code IS NOT NULL
      AND state_t IS NOT NULL AND phenomenon_t IS NOT NULL AND access_route_t IS NOT NULL
      AND risk_level_t IS NOT NULL AND status_t IS NOT NULL AND intake_t IS NOT NULL
      -- age or age_band; both well formed where given, and agreeing
      AND band IS NOT NULL
      AND (age IS NULL) = (age_t IS NULL)
      AND (age_band IS NULL) = (age_band_t IS NULL)
      AND (age_t IS NULL OR age_band_t IS NULL OR age_band_t = $age_bands[age_t + 1]::age_band_code)
      -- optional values: empty, or well formed
      AND (gender IS NULL) = (gender_t IS NULL)
      AND (intrinsic_motivation IS NULL) = (intrinsic_motivation_t IS NULL)
      AND (returnee IS NULL) = (returnee_t IS NULL)
      AND (custody IS NULL) = (custody_t IS NULL)
      AND (multi_agency IS NULL) = (multi_agency_t IS NULL)
      AND (closed IS NULL) = (closed_t IS NULL)
      AND (outcome IS NULL) = (outcome_t IS NULL)
      AND (relapse IS NULL) = (relapse_t IS NULL)
      AND (contacts IS NULL) = (contacts_t IS NULL)
      AND (case_type IS NULL) = (case_type_t IS NULL)
      AND (closure_reason IS NULL) = (closure_reason_t IS NULL)
      AND (agencies IS NULL) = (agencies_t IS NULL)
      AND (case_conferences IS NULL) = (case_conferences_t IS NULL)
      AND (consent_documented IS NULL) = (consent_documented_t IS NULL)
      AND (risk_level_closed IS NULL) = (risk_level_closed_t IS NULL)
      AND (motivation_closed IS NULL) = (motivation_closed_t IS NULL)
      AND (dim_attitudes_intake IS NULL) = (dim_attitudes_intake_t IS NULL)
      AND (dim_behaviour_intake IS NULL) = (dim_behaviour_intake_t IS NULL)
      AND (dim_scene_contacts_intake IS NULL) = (dim_scene_contacts_intake_t IS NULL)
      AND (dim_social_integration_intake IS NULL) = (dim_social_integration_intake_t IS NULL)
      AND (dim_psychosocial_intake IS NULL) = (dim_psychosocial_intake_t IS NULL)
      AND (dim_attitudes_closed IS NULL) = (dim_attitudes_closed_t IS NULL)
      AND (dim_behaviour_closed IS NULL) = (dim_behaviour_closed_t IS NULL)
      AND (dim_scene_contacts_closed IS NULL) = (dim_scene_contacts_closed_t IS NULL)
      AND (dim_social_integration_closed IS NULL) = (dim_social_integration_closed_t IS NULL)
      AND (dim_psychosocial_closed IS NULL) = (dim_psychosocial_closed_t IS NULL)
      AND (goals_set IS NULL) = (goals_set_t IS NULL)
      AND (goals_reached IS NULL) = (goals_reached_t IS NULL)
      AND (relapse_type IS NULL) = (relapse_type_t IS NULL)
      AND (relapse_checked IS NULL) = (relapse_checked_t IS NULL)
      -- cross-field rules (validate.go closedMonth, outcome; validate2.go)
      AND (closed_t IS NOT NULL) = is_closed
      AND (closed_t IS NULL OR closed_t >= intake_t)
      AND (outcome_t IS NULL OR is_closed)
      AND (is_closed OR (closure_reason_t IS NULL AND risk_level_closed_t IS NULL AND motivation_closed_t IS NULL
                         AND dim_attitudes_closed_t IS NULL AND dim_behaviour_closed_t IS NULL
                         AND dim_scene_contacts_closed_t IS NULL AND dim_social_integration_closed_t IS NULL
                         AND dim_psychosocial_closed_t IS NULL))
      AND (goals_set_t IS NULL OR goals_reached_t IS NULL OR goals_reached_t <= goals_set_t)
      AND (relapse_type_t IS NULL OR relapse_t IS NULL OR relapse_t <> 'none')
      AND (relapse_checked_t IS NULL OR relapse_checked_t >= intake_t)
    THEN true ELSE error('a row for the Go path') END
)
SELECT
    lagebild_pseudonym(provider_code, case_key) AS case_id,
    provider_code AS provider,
    state_t AS state, phenomenon_t AS phenomenon, intake_t AS intake, band AS age_band,
    gender_t AS gender, access_route_t AS access_route, intrinsic_motivation_t AS intrinsic_motivation,
    risk_level_t AS risk_level, returnee_t AS returnee, custody_t AS custody, multi_agency_t AS multi_agency,
    status_t AS status, closed_t AS closed, outcome_t AS outcome, relapse_t AS relapse, contacts_t AS contacts,
    lagebild_record_key(provider_code, case_key) AS rkey,
    -- store.Case.QualityFlags (datasets/store/qualityflags.go), bit by bit
    (CASE WHEN gender_t IS NOT NULL THEN $flag_gender ELSE 0 END
     | CASE WHEN intrinsic_motivation_t IS NOT NULL THEN $flag_intrinsic_motivation ELSE 0 END
     | CASE WHEN returnee_t IS NOT NULL THEN $flag_returnee ELSE 0 END
     | CASE WHEN custody_t IS NOT NULL THEN $flag_custody ELSE 0 END
     | CASE WHEN multi_agency_t IS NOT NULL THEN $flag_multi_agency ELSE 0 END
     | CASE WHEN closed_t IS NOT NULL THEN $flag_closed ELSE 0 END
     | CASE WHEN outcome_t IS NOT NULL THEN $flag_outcome ELSE 0 END
     | CASE WHEN relapse_t IS NOT NULL THEN $flag_relapse ELSE 0 END
     | CASE WHEN contacts_t IS NOT NULL THEN $flag_contacts ELSE 0 END
     | CASE WHEN is_closed THEN $flag_closed_status ELSE 0 END
     | CASE WHEN is_closed AND outcome_t IS NOT NULL AND outcome_t <> 'unknown' THEN $flag_documented_outcome ELSE 0 END
     | CASE WHEN closed_t < intake_t THEN $flag_closed_before_intake ELSE 0 END
     | CASE WHEN contacts_t > $contacts_implausible_above THEN $flag_contacts_implausible ELSE 0 END
    )::USMALLINT AS qflags,
    date_diff('month', intake_t, closed_t)::SMALLINT AS duration_months,
    case_type_t AS case_type, closure_reason_t AS closure_reason, agencies_t AS agencies,
    case_conferences_t AS case_conferences, consent_documented_t AS consent_documented,
    risk_level_closed_t AS risk_level_closed, motivation_closed_t AS motivation_closed,
    dim_attitudes_intake_t::UTINYINT AS dim_attitudes_intake,
    dim_behaviour_intake_t::UTINYINT AS dim_behaviour_intake,
    dim_scene_contacts_intake_t::UTINYINT AS dim_scene_contacts_intake,
    dim_social_integration_intake_t::UTINYINT AS dim_social_integration_intake,
    dim_psychosocial_intake_t::UTINYINT AS dim_psychosocial_intake,
    dim_attitudes_closed_t::UTINYINT AS dim_attitudes_closed,
    dim_behaviour_closed_t::UTINYINT AS dim_behaviour_closed,
    dim_scene_contacts_closed_t::UTINYINT AS dim_scene_contacts_closed,
    dim_social_integration_closed_t::UTINYINT AS dim_social_integration_closed,
    dim_psychosocial_closed_t::UTINYINT AS dim_psychosocial_closed,
    goals_set_t AS goals_set, goals_reached_t AS goals_reached,
    relapse_type_t AS relapse_type, relapse_checked_t AS relapse_checked
FROM clean;
