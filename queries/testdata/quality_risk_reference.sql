-- The re-identification risk query the quality report ran on the case
-- records before its classes were read from an aggregate or the risk cube
-- (qualityrisk.go). TestQualityCubeEqualsCaseTable runs it as the
-- reference that both must equal bit for bit, class keys and counts
-- below k included. Kept as it was:
--
-- Re-identification risk of the filtered cases: equivalence classes on the
-- quasi-identifiers state, age band, gender (NULL is a value of its own),
-- phenomenon and intake year, as in the importer's risk report. For all
-- classes and for those smaller than $k: the number of classes with the
-- numerator of its own cell key, and the number of records with the cell
-- key numerator of those records.
--
-- A class count must not reuse the records' cell key: for counts of 2 and
-- more the noise depends on the cell key alone, so records and classes
-- would get the same noise and records − classes would be published
-- exactly. Each class gets a key of its own instead, derived from the sum
-- of its record keys by a labelled 32-bit mixing (the finaliser of
-- MurmurHash3, a bijection whose output bits each depend on every input
-- bit): ck0 = (record-key sum + label) mod 2^32, then xor-shift and
-- multiply steps. The class count's cell key numerator is the sum of the
-- class keys mod 2^32. It is a fixed function of the set of records (the
-- classes and their record keys), so the same records give the same
-- published number in every view, and it is not a function of the records'
-- cell key. The label 1668047219 is "clas" in ASCII, so that other counts
-- derived this way can use other labels.
WITH {{filtered}},
-- The record-key sum of a class fits UBIGINT (below 2^32 records of keys
-- below 2^32), and UBIGINT arithmetic is much cheaper than the HUGEINT a
-- plain sum gives. One mixing step per level: a value used twice in a
-- step is computed once, in the step before.
classes AS (
    SELECT count(*) AS n, CAST(sum(rkey) AS UBIGINT) AS sk
    FROM filtered
    GROUP BY state, age_band, gender, phenomenon, year(intake)
),
m1 AS (SELECT n, sk, (sk + 1668047219::UBIGINT) % 4294967296::UBIGINT AS h FROM classes),
m2 AS (SELECT n, sk, (xor(h, h >> 16) * 2246822507::UBIGINT) % 4294967296::UBIGINT AS h FROM m1),
m3 AS (SELECT n, sk, (xor(h, h >> 13) * 3266489909::UBIGINT) % 4294967296::UBIGINT AS h FROM m2),
keyed AS (SELECT n, sk, xor(h, h >> 16) AS class_key FROM m3)
SELECT
    count(*)                                                                       AS classes,
    CAST(coalesce(sum(class_key), 0) % 4294967296 AS UBIGINT)                      AS ck_classes,
    coalesce(sum(n), 0)                                                            AS records,
    CAST(coalesce(sum(sk), 0) % 4294967296 AS UBIGINT)                             AS ck,
    count(*) FILTER (WHERE n < $k)                                                 AS classes_below,
    CAST(coalesce(sum(class_key) FILTER (WHERE n < $k), 0) % 4294967296 AS UBIGINT) AS ck_classes_below,
    coalesce(sum(n) FILTER (WHERE n < $k), 0)                                      AS records_below,
    CAST(coalesce(sum(sk) FILTER (WHERE n < $k), 0) % 4294967296 AS UBIGINT)       AS ck_below
FROM keyed
