-- adult.raw.on-delete=remove: a key no longer listed loses its rows and rejects, and its live version is removed
-- (out of the load queue and the totals), in one statement, under the listing and load locks.
with gone as (
    select unnest(cast(:keys as text[])) as source_key
), removed as (
    update adult_version v set state = 'removed', state_at = now(), claimed_by = null, claim_expires_at = null
    from adult_source s join gone g on g.source_key = s.source_key join adult_version o on o.id = s.live_version
    where v.id = s.live_version and v.state <> 'removed'
    -- a held version's records are out of the totals already
    returning v.id, case when o.state = 'held' then 0 else v.records end as records, v.loaded_records,
              case when o.state = 'held' then 0 else v.rejected end as rejected,
              case when o.state = 'held' then 0 else v.skipped end as skipped
), unqueued as (
    update adult_refined r set to_load = false from removed x where r.version_id = x.id and r.to_load
), totals as (
    update adult_load_progress
    set records = records - (select coalesce(sum(records), 0) from removed),
        loaded = loaded - (select coalesce(sum(loaded_records), 0) from removed),
        rejected = rejected - (select coalesce(sum(rejected), 0) from removed),
        skipped = skipped - (select coalesce(sum(skipped), 0) from removed)
), rows_gone as (
    delete from adult a using gone g where a.source_key = g.source_key
), rejects_gone as (
    delete from adult_rejects j using gone g where j.source_key = g.source_key
)
update adult_source s set listed = false, listed_at = now(), rows_version = null
from gone g where s.source_key = g.source_key
