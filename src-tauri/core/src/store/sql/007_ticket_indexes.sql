-- Schema step 007_ticket_indexes: the tickets table keeps only its key index.
-- No query reads tickets by school or by creation date: the KPIs load the whole table, the
-- retention delete ("tickets before date X") scans it once, and a school deleted from the
-- register (rare, by hand) sets its tickets' Schulnummer to NULL with one scan. The two
-- secondary indexes cost a third of a large import (built row by row or rebuilt after it).
DROP INDEX IF EXISTS tickets_school_created;
DROP INDEX IF EXISTS tickets_created;
