-- What the load still waits for, in one snapshot: live versions of listed keys not refined yet, and parts with
-- records to load (so a version registered just after the last batch committed is not missed)
select waiting from adult_load_waiting
