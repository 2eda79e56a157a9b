-- The facts of a cube file (cubefile.go): the fingerprint of the data
-- and the cube code it was built from. The catalog placeholder is a fixed
-- name from cubefile.go.
CREATE TABLE {{catalog}}.cube_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
)
