insert into adult_rejects (source_key, source_etag, version_id, source_line, rule, field, detail, raw)
values (:#source_key, :#source_etag, :#version_id, cast(:#source_line as integer), :#rule, nullif(:#field, ''),
        :#detail, :#raw)
on conflict do nothing
