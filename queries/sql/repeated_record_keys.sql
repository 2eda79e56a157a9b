-- The record keys that occur more than once in the store: the only
-- records that can repeat another record's case key (quality_duplicates).
-- Grouping by the integer key is much cheaper than by the case key.
SELECT rkey
FROM case_records
GROUP BY rkey
HAVING count(*) > 1
ORDER BY rkey
