-- Live versions refined by other rules than this instance's (another revision, or the same revision with other
-- rules): how many, and the first few keys; read once, at the first listing
select count(*) over () as versions, v.source_key, v.rules_revision
from adult_version v
join adult_source s on s.live_version = v.id
where v.state in ('refined', 'loading', 'loaded', 'held')
  and (v.rules_revision <> :revision or v.rules_fingerprint <> :fingerprint)
order by v.source_key
limit 5
