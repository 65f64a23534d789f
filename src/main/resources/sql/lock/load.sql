-- Orders loading a batch, registering a refined part and applying a listing's changes, across instances; held to the commit
select pg_advisory_xact_lock(hashtext('adult-etl load'))
