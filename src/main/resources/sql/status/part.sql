-- One registered part of a version: its refined object, pinned to its ETag, and its rejects
select refined_key, refined_etag, rejected from adult_refined where version_id = :id and part_no = :part
