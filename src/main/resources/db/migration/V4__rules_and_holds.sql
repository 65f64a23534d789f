-- Rules are part of a version, and a version may be held (issue 21): the revision and fingerprint of the rules each
-- version was refined with, the version it followed (a refine of the same bytes by other rules is compared with it),
-- and why it is held (adult.refine.max-reject-ratio).
alter table adult_version add column rules_revision integer;
alter table adult_version add column rules_fingerprint text;
alter table adult_version add column previous_version bigint references adult_version;
alter table adult_version add column held_reason text;

-- Versions refined before rules were recorded count as revision 1, the first one the code numbers.
update adult_version set rules_revision = 1 where parts > 0;

-- The live versions refined by older rules, found without reading the others: they hold the newest revision.
create index adult_version_rules on adult_version (rules_revision) where state in ('refined', 'loading', 'loaded', 'held');

-- A reject belongs to a version: two refines of the same bytes (by other rules) keep their own until the newer one's
-- last part is in, so the newer one is compared with the older one line by line.
alter table adult_rejects add column version_id bigint;
update adult_rejects j set version_id = (select max(v.id) from adult_version v
                                         where v.source_key = j.source_key and v.source_etag = j.source_etag);
delete from adult_rejects where version_id is null;
alter table adult_rejects alter column version_id set not null;
alter table adult_rejects drop constraint adult_rejects_pkey;
alter table adult_rejects add primary key (source_key, source_etag, source_line, version_id);

-- A version made to refine a live one again by newer rules waits for an instance with rules at least that new: an
-- older instance in a rolling upgrade never refines it by the rules it replaces.
alter table adult_version add column rules_needed integer;
