-- Change between intake and closure (change.go): for each outcome
-- dimension (rated 0 no concern to 3 severe), the risk level (standard <
-- danger_context < high_risk) and motivation (intrinsic motivation at
-- intake against motivation at closure, motivated ranked better), the
-- filtered closed cases with both ratings, by whether the rating at
-- closure is better (improved), equal (same) or worse than at intake.
-- Each case is counted once, by its direction on every item (NULL where
-- a rating is missing): the exact count n and the numerator of its cell
-- key for every combination, as in aggregate.sql;
-- outcome_change_items.sql sums them by item and direction. Counting the
-- combinations rather than one row per item and direction keeps the
-- finest level of the query's cube (querycube.go) at one row per
-- combination instead of seven per case.
-- The carry placeholder is empty, or the filter columns that the query's
-- cube (querycube.go) keeps beside its own columns.
WITH {{filtered}},
directions AS (
    SELECT rkey{{carry}},
        CASE WHEN dim_attitudes_intake IS NULL OR dim_attitudes_closed IS NULL THEN NULL
             WHEN dim_attitudes_closed < dim_attitudes_intake THEN 'improved'
             WHEN dim_attitudes_closed = dim_attitudes_intake THEN 'same'
             ELSE 'worse' END AS attitudes,
        CASE WHEN dim_behaviour_intake IS NULL OR dim_behaviour_closed IS NULL THEN NULL
             WHEN dim_behaviour_closed < dim_behaviour_intake THEN 'improved'
             WHEN dim_behaviour_closed = dim_behaviour_intake THEN 'same'
             ELSE 'worse' END AS behaviour,
        CASE WHEN dim_scene_contacts_intake IS NULL OR dim_scene_contacts_closed IS NULL THEN NULL
             WHEN dim_scene_contacts_closed < dim_scene_contacts_intake THEN 'improved'
             WHEN dim_scene_contacts_closed = dim_scene_contacts_intake THEN 'same'
             ELSE 'worse' END AS scene_contacts,
        CASE WHEN dim_social_integration_intake IS NULL OR dim_social_integration_closed IS NULL THEN NULL
             WHEN dim_social_integration_closed < dim_social_integration_intake THEN 'improved'
             WHEN dim_social_integration_closed = dim_social_integration_intake THEN 'same'
             ELSE 'worse' END AS social_integration,
        CASE WHEN dim_psychosocial_intake IS NULL OR dim_psychosocial_closed IS NULL THEN NULL
             WHEN dim_psychosocial_closed < dim_psychosocial_intake THEN 'improved'
             WHEN dim_psychosocial_closed = dim_psychosocial_intake THEN 'same'
             ELSE 'worse' END AS psychosocial,
        CASE WHEN enum_code(risk_level) IS NULL OR enum_code(risk_level_closed) IS NULL THEN NULL
             WHEN enum_code(risk_level_closed) < enum_code(risk_level) THEN 'improved'
             WHEN enum_code(risk_level_closed) = enum_code(risk_level) THEN 'same'
             ELSE 'worse' END AS risk_level,
        CASE WHEN CAST(NOT intrinsic_motivation AS INTEGER) IS NULL OR CAST(NOT motivation_closed AS INTEGER) IS NULL THEN NULL
             WHEN CAST(NOT motivation_closed AS INTEGER) < CAST(NOT intrinsic_motivation AS INTEGER) THEN 'improved'
             WHEN CAST(NOT motivation_closed AS INTEGER) = CAST(NOT intrinsic_motivation AS INTEGER) THEN 'same'
             ELSE 'worse' END AS motivation
    FROM filtered
)
SELECT attitudes, behaviour, scene_contacts, social_integration, psychosocial, risk_level, motivation{{carry}},
    count(*)                                        AS n,
    CAST(sum(rkey) % 4294967296 AS UBIGINT)         AS ck
FROM directions
GROUP BY ALL
