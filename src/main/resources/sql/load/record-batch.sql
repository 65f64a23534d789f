-- A batch's bookkeeping in one statement, in the transaction of its COPY: each part's position, each version's
-- loaded count and state, whose rows each key holds, the running totals, and the batch's row.
with taken as (
    select * from unnest(cast(:#part_ids as bigint[]), cast(:#part_records as integer[]), cast(:#part_ends as bigint[]))
        as t(id, records, loaded_bytes)
), parts as (
    update adult_refined r
    set loaded_records = r.loaded_records + t.records, loaded_bytes = t.loaded_bytes,
        to_load = r.loaded_records + t.records < r.records
    from taken t where r.id = t.id
    returning r.version_id, r.source_key, t.records
), versions as (
    update adult_version v
    set loaded_records = v.loaded_records + d.records,
        state = case when v.state not in ('refined', 'loading') then v.state
                     when v.loaded_records + d.records = v.records then 'loaded' else 'loading' end,
        state_at = now()
    from (select version_id, sum(records) as records from parts group by version_id) d
    where v.id = d.version_id
    returning v.id, v.source_key
), sources as (
    update adult_source s set rows_version = x.id
    from versions x where s.source_key = x.source_key and s.rows_version is distinct from x.id
), totals as (
    update adult_load_progress set loaded = loaded + :#records
)
insert into adult_load_batch (batch_no, records, loaded_total, started_at)
values (:#batch_no, :#records, :#loaded_total, :#started_at)
