-- Change between intake and closure (change.go): for each outcome
-- dimension (rated 0 no concern to 3 severe), the risk level (standard <
-- danger_context < high_risk) and motivation (intrinsic motivation at
-- intake against motivation at closure, motivated ranked better), the
-- filtered closed cases with both ratings, by whether the rating at
-- closure is better (improved), equal (same) or worse than at intake.
-- For each item and direction the exact count n and the numerator of its
-- cell key, as in aggregate.sql.
WITH {{filtered}},
pairs AS (
    SELECT rkey, 'attitudes' AS grp, CAST(dim_attitudes_intake AS INTEGER) AS at_intake, CAST(dim_attitudes_closed AS INTEGER) AS at_closure FROM filtered
    UNION ALL
    SELECT rkey, 'behaviour', dim_behaviour_intake, dim_behaviour_closed FROM filtered
    UNION ALL
    SELECT rkey, 'scene_contacts', dim_scene_contacts_intake, dim_scene_contacts_closed FROM filtered
    UNION ALL
    SELECT rkey, 'social_integration', dim_social_integration_intake, dim_social_integration_closed FROM filtered
    UNION ALL
    SELECT rkey, 'psychosocial', dim_psychosocial_intake, dim_psychosocial_closed FROM filtered
    UNION ALL
    SELECT rkey, 'risk_level', enum_code(risk_level), enum_code(risk_level_closed) FROM filtered
    UNION ALL
    SELECT rkey, 'motivation', CAST(NOT intrinsic_motivation AS INTEGER), CAST(NOT motivation_closed AS INTEGER) FROM filtered
)
SELECT grp,
    CASE WHEN at_closure < at_intake THEN 'improved'
         WHEN at_closure = at_intake THEN 'same'
         ELSE 'worse' END AS item,
    count(*)                                        AS n,
    CAST(sum(rkey) % 4294967296 AS UBIGINT)         AS ck
FROM pairs
WHERE at_intake IS NOT NULL AND at_closure IS NOT NULL
GROUP BY ALL
