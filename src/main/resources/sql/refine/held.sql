-- The live versions held by adult.refine.max-reject-ratio, with their counts (read once, at the first listing)
select v.id, v.source_key, v.records, v.rejected
from adult_version v
join adult_source s on s.live_version = v.id
where v.state = 'held'
