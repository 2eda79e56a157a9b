-- Records the fingerprint of a new cube file (cubefile.go).
INSERT INTO {{catalog}}.cube_meta VALUES ('fingerprint', $fingerprint)
