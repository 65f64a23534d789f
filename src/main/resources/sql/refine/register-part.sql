-- Registers one refined part of a live version, which queues its records for loading: a no-op for a version
-- superseded or removed since it was claimed, or a part another instance registered. Answers 1 when registered.
-- The version records the rules of its parts (of parts refined by two revisions, across a rolling upgrade, the
-- older one's, so a newer instance refines it again). The last part of a version over adult.refine.max-reject-ratio
-- holds it: none of its parts queue, and its records leave the running totals; else, with a threshold, the parts
-- held back until the last one queue with it. In the same statement: the key's rejects of other versions go.
with part as (
    insert into adult_refined (version_id, source_key, source_etag, part_no, last_part, refined_key, refined_etag,
                               refined_bytes, data_offset, records, rejected, skipped, loaded_bytes, to_load)
    select v.id, v.source_key, v.source_etag, :#part_no, :#last_part, :#refined_key, :#refined_etag,
           :#refined_bytes, :#data_offset, :#records, :#rejected, :#skipped, :#data_offset, :#has_records
    from adult_version v
    where v.id = :#version_id and v.state in ('listed', 'claimed', 'refining')
    on conflict (version_id, part_no) do nothing
    returning id, version_id, records, rejected, skipped, last_part
), version as (
    update adult_version v
    set parts = v.parts + 1, records = v.records + p.records, rejected = v.rejected + p.rejected,
        skipped = v.skipped + p.skipped, state_at = now(),
        state = case when not p.last_part then 'refining'
                     when cast(:#held as boolean) then 'held'
                     when v.loaded_records = v.records + p.records then 'loaded' else 'refined' end,
        held_reason = case when p.last_part and cast(:#held as boolean) then :#held_reason end,
        rules_revision = case when v.parts = 0 or :#rules_revision < v.rules_revision then :#rules_revision
                              else v.rules_revision end,
        rules_fingerprint = case when v.parts = 0 or :#rules_revision < v.rules_revision then :#rules_fingerprint
                                 else v.rules_fingerprint end,
        refined_by = case when p.last_part then current_setting('application_name') else v.refined_by end,
        claimed_by = case when p.last_part then null else v.claimed_by end,
        claim_expires_at = case when p.last_part then null else v.claim_expires_at end
    from part p
    where v.id = p.version_id
    returning v.state, v.records, v.rejected, v.skipped
), queued as (
    update adult_refined r set to_load = true
    from part p
    where p.last_part and not cast(:#held as boolean) and r.version_id = p.version_id and r.id <> p.id
      and not r.to_load and r.loaded_records < r.records
), totals as (
    update adult_load_progress
    set records = records + (select coalesce(sum(records), 0) from part)
                  - (select coalesce(sum(records), 0) from version where state = 'held'),
        rejected = rejected + (select coalesce(sum(rejected), 0) from part)
                   - (select coalesce(sum(rejected), 0) from version where state = 'held'),
        skipped = skipped + (select coalesce(sum(skipped), 0) from part)
                  - (select coalesce(sum(skipped), 0) from version where state = 'held')
), rejects as (
    -- the key's rejects are this version's from its first registered part on; an earlier refine of the same bytes
    -- (by other rules) keeps its own until the last part, for the comparison of the parts in between
    delete from adult_rejects r
    using part p
    where r.source_key = :#source_key and r.version_id <> p.version_id
      and (r.source_etag <> :#source_etag or p.last_part)
)
-- the commit does not wait for the WAL flush while the loader waits for the lock: a registration lost in a PostgreSQL
-- crash is only a part refined again, and the first batch's synchronous commit makes it durable before any row
select count(*) as registered from part, (select set_config('synchronous_commit', 'off', true)) as async_commit
