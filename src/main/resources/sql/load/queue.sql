-- What a tick may load: the parts with records still to load, of live versions, in load order (a partial index holds
-- just them, so a tick reads what waits, never the history); with the running totals, the last batch number, and
-- whether the part is of a version not loaded yet while another version's rows of its key are in the table.
select r.id, r.version_id, r.source_key, r.refined_key, r.refined_etag, r.refined_bytes, r.data_offset, r.records,
       r.loaded_records, r.loaded_bytes,
       v.loaded_records = 0 and s.rows_version is not null and s.rows_version <> v.id as replaces_rows,
       p.records as total_records, p.loaded as total_loaded,
       (select max(batch_no) from adult_load_batch) as last_batch_no
from adult_refined r
join adult_version v on v.id = r.version_id
join adult_source s on s.source_key = r.source_key
cross join adult_load_progress p
where r.to_load
order by r.id
limit :#limit
