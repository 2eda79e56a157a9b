-- Helpers of fastload.sql: each gives the typed value of a cell in its
-- canonical spelling and NULL for anything else (also for an empty cell),
-- so a well-formed check is "empty in, NULL out". Temporary: they live
-- only on the import's connection.

-- A month written YYYY-MM with a year in lo..hi (schema.ParseMonth's
-- first form), as the first day of the month.
CREATE OR REPLACE TEMP MACRO lagebild_month(x, lo, hi) AS
    CASE WHEN regexp_full_match(x, '[0-9]{4}-(0[1-9]|1[0-2])')
              AND TRY_CAST(substr(x, 1, 4) AS INTEGER) BETWEEN lo AND hi
         THEN make_date(TRY_CAST(substr(x, 1, 4) AS INTEGER), TRY_CAST(substr(x, 6, 2) AS INTEGER), 1) END;

-- A boolean written as one of the words in yes or no.
CREATE OR REPLACE TEMP MACRO lagebild_bool(x, yes, no) AS
    CASE WHEN list_contains(yes, x) THEN true WHEN list_contains(no, x) THEN false END;

-- A whole number ≥ 0 of at most nine digits (so it fits INTEGER).
CREATE OR REPLACE TEMP MACRO lagebild_count(x) AS
    CASE WHEN regexp_full_match(x, '[0-9]{1,9}') THEN TRY_CAST(x AS INTEGER) END;

-- A rating of one digit in lo..hi.
CREATE OR REPLACE TEMP MACRO lagebild_rating(x, lo, hi) AS
    CASE WHEN regexp_full_match(x, '[0-9]') AND TRY_CAST(x AS INTEGER) BETWEEN lo AND hi
         THEN TRY_CAST(x AS INTEGER) END;
