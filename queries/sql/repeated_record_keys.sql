-- The record keys that occur more than once in the store: the only
-- records that can repeat another record's case key (quality_duplicates).
-- Grouping by the integer key is much cheaper than by the case key. The
-- records placeholder is case_records or the cube file's table of the
-- candidate records (qualityrepeated.go), which holds every record of
-- these keys and so gives the same keys.
SELECT rkey
FROM {{records}}
GROUP BY rkey
HAVING count(*) > 1
ORDER BY rkey
