-- Extends this instance's claim on a version it refines
update adult_version set claim_expires_at = clock_timestamp() + :lease * interval '1 millisecond'
where id = :id and claimed_by = :instance
