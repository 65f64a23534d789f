-- What a tick may load: the parts with records still to load, of live versions, in load order (a partial index holds
-- just them, so a tick reads what waits, never the history); with the running totals, the last batch number, and
-- whether the part is of a version not loaded yet while another version's rows of its key are in the table.
select r.id, r.version_id, r.source_key, r.refined_key, r.refined_etag, r.refined_bytes, r.data_offset, r.records,
       r.loaded_records, r.loaded_bytes,
       -- probed by the key of each part taken (a join would let the planner read every key when many parts wait)
       v.loaded_records = 0 and exists (select 1 from adult_source s
                                        where s.source_key = r.source_key and s.rows_version <> v.id) as replaces_rows,
       p.records as total_records, p.loaded as total_loaded,
       (select max(batch_no) from adult_load_batch) as last_batch_no
from adult_refined r
join adult_version v on v.id = r.version_id
cross join adult_load_progress p
where r.to_load
order by r.id
limit :#limit
