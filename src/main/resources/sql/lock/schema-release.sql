select pg_advisory_unlock(hashtext('adult-etl schema'))
