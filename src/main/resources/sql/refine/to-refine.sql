-- The live versions still to refine, in key order, that no other instance holds a live claim on (this instance's
-- own claims are a killed run's, as a listing waits for the refines it started); read through a partial index, so
-- it costs what waits, not what was refined. At most :limit: the next listing hands out the rest.
select v.id, v.source_key, v.source_etag, v.bytes
from adult_version v
join adult_source s on s.live_version = v.id and s.listed
where v.state in ('listed', 'claimed', 'refining')
  and (v.claimed_by is null or v.claim_expires_at < clock_timestamp() or v.claimed_by = :instance)
order by v.source_key
limit :limit
