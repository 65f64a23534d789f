-- What one page of a listing of raw/ changes, compared with the keys' live versions (read-only, one statement):
--   new  - a key whose content is not its live version's (new key, new ETag, an ETag seen before, or removed)
--   back - a key seen again with its live version's content after a listing missed it
--   gone - a key listed before, inside this page's key range, that the page no longer holds
-- The range is (after, upto] in S3's order (bytes: collate "C"); a null bound is open.
with listed as (
    select * from unnest(cast(:keys as text[]), cast(:etags as text[]), cast(:bytes as bigint[]))
        as l(source_key, source_etag, bytes)
)
select l.source_key, l.source_etag, l.bytes,
       case when v.id is null or v.source_etag <> l.source_etag or v.state = 'removed' then 'new' else 'back' end
           as change
from listed l
left join adult_source s on s.source_key = l.source_key
left join adult_version v on v.id = s.live_version
where v.id is null or v.source_etag <> l.source_etag or v.state = 'removed' or not s.listed
union all
select s.source_key, null, null, 'gone'
from adult_source s
where s.listed
  and (cast(:after as text) is null or s.source_key collate "C" > cast(:after as text) collate "C")
  and (cast(:upto as text) is null or s.source_key collate "C" <= cast(:upto as text) collate "C")
  and not exists (select 1 from listed l where l.source_key = s.source_key)
