-- What changes table adult: a batch, or a version without valid records that takes out its key's rows
select (select max(batch_no) from adult_load_batch) as last_batch, (select max(id) from adult_refined) as last_version
