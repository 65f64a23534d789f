-- The live versions still to refine, in key order, that no other instance holds a live claim on (this instance's
-- own claims are handed out again: a killed run's are redone, its refiners skip those they hold); read through a
-- partial index, so it costs what waits, not what was refined. A page: at most :limit keys after :after, up to
-- :upto when it is not null (where a listed page starts), in byte order. A version refined again for newer rules
-- than this instance's is left to the instances that have them.
select v.id, v.source_key, v.source_etag, v.bytes, v.previous_version is not null as follows
from adult_version v
join adult_source s on s.live_version = v.id and s.listed
where v.state in ('listed', 'claimed', 'refining')
  and (v.claimed_by is null or v.claim_expires_at < clock_timestamp() or v.claimed_by = :instance)
  and coalesce(v.rules_needed, 0) <= :revision
  and v.source_key collate "C" > :after
  and (cast(:upto as text) is null or v.source_key collate "C" <= cast(:upto as text) collate "C")
order by v.source_key collate "C"
limit :limit
