-- The rejects of a version after a line, in line order, of one rule (:rule, or all when null) and one field (:field,
-- or all when null; the rules about the whole line when :whole_record): at most :limit
select source_line, rule, field, detail, left(raw, :raw_shown) as raw, length(raw) as raw_length
from adult_rejects
where source_key = :source_key and source_etag = :source_etag and source_line > :after
  and (cast(:rule as text) is null or rule = :rule)
  and (case when :whole_record then field is null else cast(:field as text) is null or field = :field end)
order by source_line
limit :limit
