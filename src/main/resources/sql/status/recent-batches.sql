-- The last committed batches, newest first; a batch's tick milliseconds run from the trigger's firing to the insert
-- just before the commit
select batch_no, records, loaded_total, committed_at, instance,
       round(extract(epoch from committed_at - started_at) * 1000)::bigint as tick_millis
from adult_load_batch order by batch_no desc limit :last
