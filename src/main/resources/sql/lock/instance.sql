-- One running process per instance id: session-level, on a connection of its own held for the process's life, so
-- it goes with the process (its backend dies with the socket, even after kill -9); namespace and id keyed apart
select pg_try_advisory_lock(hashtext('adult-etl instance'), hashtext(?))
