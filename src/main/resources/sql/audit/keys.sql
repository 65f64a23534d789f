-- The self-audit's figures, one row per key, in one statement (one snapshot: a batch or a registration committing
-- meanwhile is wholly in it or not at all): the key's live version and its counts, the sums over its parts (their
-- positions: the records loaded so far), whose rows the key holds, and what tables adult and adult_rejects hold of
-- it (a reject is its version's: a refine of the same bytes by other rules has its own). Each count is a range of a
-- primary key's index (source_key first): the tables are read once, through their indexes, never sorted or hashed
-- whole. A key that only adult or adult_rejects knows comes with no version: the
-- distinct keys of each are found by one index probe per key (a loose index scan).
with recursive live as (
    select s.source_key, s.rows_version, v.id as version_id, v.source_etag, v.state, v.records, v.rejected,
           v.skipped, v.loaded_records
    from adult_source s join adult_version v on v.id = s.live_version
), parts as (
    select r.version_id, count(*) as parts, bool_or(r.last_part) as complete, sum(r.records) as records,
           sum(r.rejected) as rejected, sum(r.skipped) as skipped, sum(r.loaded_records) as loaded
    from adult_refined r
    where r.version_id in (select version_id from live union all select rows_version from live)
    group by r.version_id
), row_keys as (
    (select source_key from adult order by source_key limit 1)
    union all
    select (select a.source_key from adult a where a.source_key > k.source_key order by a.source_key limit 1)
    from row_keys k where k.source_key is not null
), reject_keys as (
    (select source_key from adult_rejects order by source_key limit 1)
    union all
    select (select j.source_key from adult_rejects j where j.source_key > k.source_key order by j.source_key limit 1)
    from reject_keys k where k.source_key is not null
), keys as (
    select source_key from live
    union select source_key from row_keys where source_key is not null
    union select source_key from reject_keys where source_key is not null
)
select k.source_key, l.version_id, l.source_etag, l.state, l.records, l.rejected, l.skipped, l.loaded_records,
       coalesce(p.parts, 0) as parts, coalesce(p.complete, false) as complete,
       coalesce(p.records, 0) as parts_records, coalesce(p.rejected, 0) as parts_rejected,
       coalesce(p.skipped, 0) as parts_skipped, coalesce(p.loaded, 0) as parts_loaded,
       l.rows_version, coalesce(rp.loaded, 0) as rows_expected,
       (select count(*) from adult a where a.source_key = k.source_key) as rows_found,
       (select count(*) from adult_rejects j where j.source_key = k.source_key and j.version_id = l.version_id)
           as rejects_own,
       (select count(*) from adult_rejects j where j.source_key = k.source_key
                                                and j.version_id is distinct from l.version_id) as rejects_other,
       (select max(batch_no) from adult_load_batch) as as_of_batch
from keys k
left join live l on l.source_key = k.source_key
left join parts p on p.version_id = l.version_id
left join parts rp on rp.version_id = l.rows_version
order by k.source_key
