-- The last batch number and the running totals, for a tick whose queue is empty
select (select max(batch_no) from adult_load_batch) as last_batch_no, records as total_records, loaded as total_loaded
from adult_load_progress
