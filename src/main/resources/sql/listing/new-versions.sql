-- Each listed content that is not its key's live version becomes the key's next version, and supersedes the live
-- one: its parts leave the load queue and its records the running totals (its rows stay in table adult until the
-- new version's first batch replaces them); a claim on it stays until its refine stops. One statement, under the
-- listing and load locks.
with changed as materialized (
    select c.*, nextval(pg_get_serial_sequence('adult_version', 'id')) as id
    from unnest(cast(:keys as text[]), cast(:etags as text[]), cast(:bytes as bigint[]))
        as c(source_key, source_etag, bytes)
    order by c.source_key
), superseded as (
    update adult_version v set state = 'superseded', state_at = now()
    from adult_source s join changed c on c.source_key = s.source_key
    where v.id = s.live_version and v.state not in ('superseded', 'removed')
    returning v.id, v.records, v.loaded_records, v.rejected, v.skipped
), unqueued as (
    update adult_refined r set to_load = false from superseded x where r.version_id = x.id and r.to_load
), totals as (
    update adult_load_progress
    set records = records - (select coalesce(sum(records), 0) from superseded),
        loaded = loaded - (select coalesce(sum(loaded_records), 0) from superseded),
        rejected = rejected - (select coalesce(sum(rejected), 0) from superseded),
        skipped = skipped - (select coalesce(sum(skipped), 0) from superseded)
), versions as (
    insert into adult_version (id, source_key, source_etag, bytes)
    select id, source_key, source_etag, bytes from changed
)
insert into adult_source as s (source_key, live_version)
select source_key, id from changed
on conflict (source_key) do update set live_version = excluded.live_version, listed = true, listed_at = now()
