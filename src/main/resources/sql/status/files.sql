-- Versions, newest first, a page at a time (read through the primary key): counts, state, claim and whether the
-- listing still sees the key, why it is held, and the rules it was refined with
select v.id, v.source_key, v.source_etag, v.state, v.held_reason, v.rules_revision, v.rules_fingerprint, v.parts, v.records, v.rejected, v.skipped, v.loaded_records,
       v.bytes as raw_bytes, s.live_version = v.id as live, s.listed,
       exists (select 1 from adult_refined r where r.version_id = v.id and r.last_part) as complete,
       (select max(r.refined_at) from adult_refined r where r.version_id = v.id) as refined_at,
       coalesce(v.refined_by, (select r.refined_by from adult_refined r where r.version_id = v.id
                               order by r.part_no desc limit 1)) as refined_by,
       case when v.claim_expires_at > clock_timestamp() then v.claimed_by end as claimed_by
from adult_version v
join adult_source s on s.source_key = v.source_key
where (cast(:id as bigint) is null or v.id = :id)
order by v.id desc
limit :size offset :offset
