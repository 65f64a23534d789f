-- A version without a single valid record never starts loading: its key's old rows go as its last part registers
with emptied as (
    update adult_source set rows_version = null where source_key = :#source_key
)
delete from adult where source_key = :#source_key
