"""Full-text search over tickets: subjects, message bodies, client names, client users'
emails and service names, ranked, with the matching passage highlighted.

PostgreSQL keeps a stored `tsvector` per message and per ticket subject (generated
columns, so bulk inserts are indexed too) under GIN indexes; SQLite keeps FTS5 tables
filled by triggers. `engine.py` holds the only vendor-specific SQL; `tickets.py` builds
the results through the policies' scope."""
