-- The key's rejects are this version's: another content's go with its first registered part; an earlier refine of
-- the same bytes (by other rules) keeps its own until the last part, for the comparison of the parts in between
delete from adult_rejects
where source_key = :#source_key and version_id <> :#version_id
  and (source_etag <> :#source_etag or cast(:#last_part as boolean))
