-- A page of the rejects of the version refined before from the same bytes, after a line, in line order (through the
-- primary key: at most two versions of one content share it)
select source_line, rule, field
from adult_rejects
where source_key = :source_key and source_etag = :source_etag and version_id = :previous and source_line > :after
order by source_line
limit :limit
