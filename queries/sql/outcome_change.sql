-- Change between intake and closure (change.go): for each outcome
-- dimension (rated 0 no concern to 3 severe), the risk level (standard <
-- danger_context < high_risk) and motivation (intrinsic motivation at
-- intake against motivation at closure, motivated ranked better), the
-- filtered closed cases with both ratings, by whether the rating at
-- closure is better (improved), equal (same) or worse than at intake.
-- Each case is counted once, by its directions on all seven items in one
-- code (directions): the direction on item i (0 improved, 1 same, 2 worse,
-- 3 not rated at intake or at closure) times 4^i, in the order of
-- change.go's ChangeItems. For every code the exact count n and the
-- numerator of its cell key, as in aggregate.sql; change.go
-- (changeDirections) splits them by item and direction, and so does
-- outcome_change_items.sql for the cube's coarser levels. Counting the
-- codes rather than one row per item and direction keeps the finest level
-- of the query's cube (querycube.go) at one row per combination instead
-- of seven per case, and one integer is cheaper to group by than seven.
-- The carry placeholder is empty, or the filter columns that the query's
-- cube (querycube.go) keeps beside its own columns.
WITH {{filtered}},
coded AS (
    SELECT rkey{{carry}},
        CAST(
        (CASE WHEN dim_attitudes_intake IS NULL OR dim_attitudes_closed IS NULL THEN 3
              WHEN dim_attitudes_closed < dim_attitudes_intake THEN 0
              WHEN dim_attitudes_closed = dim_attitudes_intake THEN 1
              ELSE 2 END) * 1
      +         (CASE WHEN dim_behaviour_intake IS NULL OR dim_behaviour_closed IS NULL THEN 3
              WHEN dim_behaviour_closed < dim_behaviour_intake THEN 0
              WHEN dim_behaviour_closed = dim_behaviour_intake THEN 1
              ELSE 2 END) * 4
      +         (CASE WHEN dim_scene_contacts_intake IS NULL OR dim_scene_contacts_closed IS NULL THEN 3
              WHEN dim_scene_contacts_closed < dim_scene_contacts_intake THEN 0
              WHEN dim_scene_contacts_closed = dim_scene_contacts_intake THEN 1
              ELSE 2 END) * 16
      +         (CASE WHEN dim_social_integration_intake IS NULL OR dim_social_integration_closed IS NULL THEN 3
              WHEN dim_social_integration_closed < dim_social_integration_intake THEN 0
              WHEN dim_social_integration_closed = dim_social_integration_intake THEN 1
              ELSE 2 END) * 64
      +         (CASE WHEN dim_psychosocial_intake IS NULL OR dim_psychosocial_closed IS NULL THEN 3
              WHEN dim_psychosocial_closed < dim_psychosocial_intake THEN 0
              WHEN dim_psychosocial_closed = dim_psychosocial_intake THEN 1
              ELSE 2 END) * 256
      +         (CASE WHEN enum_code(risk_level) IS NULL OR enum_code(risk_level_closed) IS NULL THEN 3
              WHEN enum_code(risk_level_closed) < enum_code(risk_level) THEN 0
              WHEN enum_code(risk_level_closed) = enum_code(risk_level) THEN 1
              ELSE 2 END) * 1024
      +         (CASE WHEN CAST(NOT intrinsic_motivation AS INTEGER) IS NULL OR CAST(NOT motivation_closed AS INTEGER) IS NULL THEN 3
              WHEN CAST(NOT motivation_closed AS INTEGER) < CAST(NOT intrinsic_motivation AS INTEGER) THEN 0
              WHEN CAST(NOT motivation_closed AS INTEGER) = CAST(NOT intrinsic_motivation AS INTEGER) THEN 1
              ELSE 2 END) * 4096
        AS USMALLINT) AS directions
    FROM filtered
)
SELECT directions{{carry}},
    count(*)                                        AS n,
    CAST(sum(rkey) % 4294967296 AS UBIGINT)         AS ck
FROM coded
GROUP BY ALL
