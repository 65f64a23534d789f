-- Each listed content that is not its key's live version becomes the key's next version, and supersedes the live
-- one: its parts leave the load queue and its records the running totals (its rows stay in table adult until the
-- new version's first batch replaces them); a claim on it stays until its refine stops. One statement, under the
-- listing and load locks. A held version's records are out of the totals already. Also how a live version refined
-- by older rules is refined again: its own key, ETag and size, as if listed anew.
with changed as materialized (
    select c.*, nextval(pg_get_serial_sequence('adult_version', 'id')) as id
    from unnest(cast(:keys as text[]), cast(:etags as text[]), cast(:bytes as bigint[]))
        as c(source_key, source_etag, bytes)
    order by c.source_key
), superseded as (
    update adult_version v set state = 'superseded', state_at = now()
    from adult_source s join changed c on c.source_key = s.source_key join adult_version o on o.id = s.live_version
    where v.id = s.live_version and v.state not in ('superseded', 'removed')
    returning v.id, case when o.state = 'held' then 0 else v.records end as records, v.loaded_records,
              case when o.state = 'held' then 0 else v.rejected end as rejected,
              case when o.state = 'held' then 0 else v.skipped end as skipped
), unqueued as (
    update adult_refined r set to_load = false from superseded x where r.version_id = x.id and r.to_load
), totals as (
    update adult_load_progress
    set records = records - (select coalesce(sum(records), 0) from superseded),
        loaded = loaded - (select coalesce(sum(loaded_records), 0) from superseded),
        rejected = rejected - (select coalesce(sum(rejected), 0) from superseded),
        skipped = skipped - (select coalesce(sum(skipped), 0) from superseded)
), versions as (
    insert into adult_version (id, source_key, source_etag, bytes, previous_version, rules_needed)
    select c.id, c.source_key, c.source_etag, c.bytes, s.live_version, cast(:rules_needed as integer)
    from changed c left join adult_source s on s.source_key = c.source_key
)
insert into adult_source as s (source_key, live_version)
select source_key, id from changed
on conflict (source_key) do update set live_version = excluded.live_version, listed = true, listed_at = now()
