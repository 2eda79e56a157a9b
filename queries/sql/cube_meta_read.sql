-- The fingerprint a cube file was built from (cubefile.go).
SELECT value FROM {{catalog}}.cube_meta WHERE key = 'fingerprint'
