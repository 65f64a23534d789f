-- The key's rejects are this version's from its first registered part on
delete from adult_rejects where source_key = :#source_key and source_etag <> :#source_etag
