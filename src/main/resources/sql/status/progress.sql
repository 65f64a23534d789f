-- The page's totals: the running totals of the live versions, the keys with one, and the versions still to refine
-- (a partial index: it costs what waits)
select (select count(*) from adult_source where live_version is not null) as files,
       p.records as known, p.loaded as loaded, p.rejected as rejected, p.skipped as skipped,
       (select count(*) from adult_version v join adult_source s on s.live_version = v.id
        where s.listed and v.state in ('listed', 'claimed', 'refining')) as to_refine
from adult_load_progress p
