-- The import's one statement that stores cases (pipeline.go): every
-- validated case comes from the table function lagebild_import_cases
-- (casefunction.go), fed by the reading side; the argument names the
-- running import's pipeline.
INSERT INTO case_records SELECT * FROM lagebild_import_cases(?)
