-- One listing applies its changes at a time, so two never create the same version twice; held to the commit
select pg_advisory_xact_lock(hashtext('adult-etl listing'))
