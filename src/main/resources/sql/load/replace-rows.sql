-- A new version's first batch takes out the rows of the key's older version, in the same transaction
delete from adult where source_key = :#source_key
