-- The candidate records of repeated case keys (qualityrepeated.go): every
-- record, all columns, whose record key occurs more than once in the
-- store. Built once into the cube file (cubefile.go), so that a filter
-- change looks for repeated case keys among these few records
-- (quality_duplicates.sql) instead of the whole case table. The table
-- placeholder is a fixed qualified name from qualityrepeated.go.
CREATE TABLE {{table}} AS
SELECT *
FROM case_records
WHERE rkey IN (SELECT rkey FROM case_records GROUP BY rkey HAVING count(*) > 1)
ORDER BY rkey
