-- Keys a listing sees again with their live version's content (after a listing that missed them)
update adult_source set listed = true, listed_at = now() where source_key = any(cast(:keys as text[]))
