-- The whole load, for its one summary line
select count(*) as batches, (select loaded from adult_load_progress) as records,
       round(extract(epoch from max(committed_at) - min(committed_at))) as seconds
from adult_load_batch
