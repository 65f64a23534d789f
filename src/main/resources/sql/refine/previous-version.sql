-- The version a version follows, when it was wholly refined from the same bytes (a refine again by other rules): the
-- refine compares its verdicts with that one's
select p.id, coalesce(p.rules_revision, 0) as rules_revision
from adult_version v
join adult_version p on p.id = v.previous_version
where v.id = :id and p.source_etag = v.source_etag and p.state = 'superseded'
  and exists (select 1 from adult_refined r where r.version_id = p.id and r.last_part)
