-- The self-audit's figures, one row per key, in one statement (one snapshot: a batch or a registration committing
-- meanwhile is wholly in it or not at all): the key's live version and its counts, the sums over its parts (their
-- positions: the records loaded so far), whose rows the key holds, and what tables adult and adult_rejects hold of
-- it, counted grouped per key (each table read once). A key only adult or adult_rejects knows comes with no version.
with live as (
    select s.source_key, s.rows_version, v.id as version_id, v.source_etag, v.state, v.records, v.rejected,
           v.skipped, v.loaded_records
    from adult_source s join adult_version v on v.id = s.live_version
), parts as (
    select r.version_id, count(*) as parts, bool_or(r.last_part) as complete, sum(r.records) as records,
           sum(r.rejected) as rejected, sum(r.skipped) as skipped, sum(r.loaded_records) as loaded
    from adult_refined r
    where r.version_id in (select version_id from live union all select rows_version from live)
    group by r.version_id
), table_rows as (
    select source_key, count(*) as found from adult group by source_key
), rejects as (
    select source_key, source_etag, count(*) as found from adult_rejects group by source_key, source_etag
), key_rejects as (
    select j.source_key, coalesce(sum(j.found) filter (where j.source_etag = l.source_etag), 0) as own,
           coalesce(sum(j.found) filter (where j.source_etag is distinct from l.source_etag), 0) as other
    from rejects j left join live l on l.source_key = j.source_key
    group by j.source_key
)
select coalesce(l.source_key, w.source_key, j.source_key) as source_key, l.version_id, l.source_etag, l.state,
       l.records, l.rejected, l.skipped, l.loaded_records,
       coalesce(p.parts, 0) as parts, coalesce(p.complete, false) as complete,
       coalesce(p.records, 0) as parts_records, coalesce(p.rejected, 0) as parts_rejected,
       coalesce(p.skipped, 0) as parts_skipped, coalesce(p.loaded, 0) as parts_loaded,
       l.rows_version, coalesce(rp.loaded, 0) as rows_expected, coalesce(w.found, 0) as rows_found,
       coalesce(j.own, 0) as rejects_own, coalesce(j.other, 0) as rejects_other,
       (select max(batch_no) from adult_load_batch) as as_of_batch
from live l
left join parts p on p.version_id = l.version_id
left join parts rp on rp.version_id = l.rows_version
full join table_rows w on w.source_key = l.source_key
full join key_rejects j on j.source_key = coalesce(l.source_key, w.source_key)
order by 1
