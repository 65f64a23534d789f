-- adult.raw.on-delete=keep: a key no longer listed keeps its rows and rejects; only the listing's view of it changes
update adult_source set listed = false, listed_at = now() where source_key = any(cast(:keys as text[]))
