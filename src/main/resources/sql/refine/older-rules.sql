-- Live versions of listed keys refined by rules older than this instance's, a page of them (through a partial index
-- of the refined versions by revision: it costs the versions to refine again, not the others)
select v.source_key, v.source_etag, v.bytes
from adult_version v
join adult_source s on s.live_version = v.id and s.listed
where v.state in ('refined', 'loading', 'loaded', 'held') and v.rules_revision < :revision
order by v.id
limit :limit
