-- One public-figure indicator over the years, per phenomenon, with its
-- source and note. Public figures are published aggregates: exact.
SELECT year, phenomenon, value, unit, source, source_ref, coalesce(note, '') AS note
FROM figures
WHERE indicator = $indicator
ORDER BY year, phenomenon
