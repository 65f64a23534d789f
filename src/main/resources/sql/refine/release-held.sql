-- Releases held versions (a restart with a higher adult.refine.max-reject-ratio): each loads like a version just
-- refined, its parts queued and its records back in the running totals; one without a valid record takes its key's
-- old rows out at once, as its last part would have. Under the listing and load locks.
with released as (
    update adult_version v
    set state = case when v.loaded_records = v.records then 'loaded' else 'refined' end, held_reason = null,
        state_at = now()
    from adult_source s
    where s.live_version = v.id and v.state = 'held' and v.id = any(cast(:ids as bigint[]))
    returning v.id, v.source_key, v.records, v.rejected, v.skipped
), queued as (
    update adult_refined r set to_load = true
    from released x where r.version_id = x.id and r.loaded_records < r.records
), totals as (
    update adult_load_progress
    set records = records + (select coalesce(sum(records), 0) from released),
        rejected = rejected + (select coalesce(sum(rejected), 0) from released),
        skipped = skipped + (select coalesce(sum(skipped), 0) from released)
), emptied as (
    update adult_source s set rows_version = null
    from released x where x.records = 0 and s.source_key = x.source_key
), rows_gone as (
    delete from adult a using released x where x.records = 0 and a.source_key = x.source_key
)
select count(*) as released from released
