-- Whether the load still waits for anything, in one snapshot (1 or 0): a live version of a listed key not refined yet,
-- or a part with records to load (so a version registered just after the last batch committed is not missed)
select waiting from adult_load_waiting
