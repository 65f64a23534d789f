insert into adult_rejects (source_key, source_etag, source_line, rule, field, detail, raw)
values (:#source_key, :#source_etag, cast(:#source_line as integer), :#rule, nullif(:#field, ''), :#detail, :#raw)
on conflict do nothing
