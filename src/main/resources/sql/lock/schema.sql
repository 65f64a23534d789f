-- Start-ups take turns on the schema (session-level: Flyway migrates on connections of its own meanwhile)
select pg_advisory_lock(hashtext('adult-etl schema'))
