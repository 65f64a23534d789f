-- The rejects of a version after a line, in line order (the service appends the rule and field filters, then the limit)
select source_line, rule, field, detail, left(raw, :raw_shown) as raw, length(raw) as raw_length
from adult_rejects where source_key = :source_key and source_etag = :source_etag and source_line > :after
