-- Each raw object's versions kept explicitly, the key's live version kept (not recomputed per tick), and a load
-- queue that holds only the parts with records still to load, so a tick or a listing costs its own work.

-- One row per key ever listed under raw/: the version raw/ holds now, and whose rows table adult holds.
create table adult_source (
    source_key   text        primary key,
    live_version bigint,                          -- the version the last listing saw (after a deletion: the last one)
    rows_version bigint,                          -- the version whose records are in table adult, if any
    listed       boolean     not null default true, -- false once a listing no longer sees the key
    listed_at    timestamptz not null default now()
);

-- One row per version of a key: a content (ETag) the listing saw, from the moment it saw it. Content seen before
-- (an object restored to an earlier ETag) is a new version: it is refined again, as the key's refined objects were
-- overwritten since.
create table adult_version (
    id               bigserial   primary key,
    source_key       text        not null references adult_source,
    source_etag      text        not null,
    bytes            bigint      not null,
    state            text        not null default 'listed' check (state in
                     ('listed', 'claimed', 'refining', 'refined', 'loading', 'loaded', 'superseded', 'removed', 'held')),
    listed_at        timestamptz not null default now(),
    state_at         timestamptz not null default now(),
    claimed_by       text,                        -- the instance refining it, while its lease runs
    claim_expires_at timestamptz,
    refined_by       text,                        -- the instance that registered its last part
    parts            integer     not null default 0,  -- registered so far
    records          bigint      not null default 0,  -- valid records of the registered parts
    rejected         bigint      not null default 0,
    skipped          bigint      not null default 0,
    loaded_records   bigint      not null default 0
);
create index adult_version_key on adult_version (source_key, id);
-- what a listing hands to the refiners: the versions not refined yet, whatever the history's length
create index adult_version_to_refine on adult_version (source_key) where state in ('listed', 'claimed', 'refining');
alter table adult_source add constraint adult_source_live foreign key (live_version) references adult_version;

-- A part belongs to a version; to_load marks the parts with records still to load of a version still live.
alter table adult_refined add column version_id bigint references adult_version;
alter table adult_refined add column to_load boolean not null default false;

-- The running totals of the live versions, kept by the statements that change them (a batch line's n/total).
create table adult_load_progress (
    one     boolean primary key default true check (one),
    records  bigint  not null default 0,  -- valid records registered, of live versions
    loaded   bigint  not null default 0,  -- of those, loaded
    rejected bigint  not null default 0,  -- records rejected, of live versions
    skipped  bigint  not null default 0   -- lines skipped, of live versions
);

-- The old views read the whole history; nothing reads them after this migration.
drop view adult_load_waiting;
drop view adult_raw_waiting;
drop view adult_load_queue;
drop view adult_refined_live;
drop view adult_refined_versions;
drop view adult_claim_live;

-- What the release before left: its keys, then one version per (key, ETag) refined (in arrival order) and the one
-- listed now if it was not refined yet; the live version is the listed one, or else the newest refined.
insert into adult_source (source_key, listed, listed_at)
select source_key, bool_or(listed), max(listed_at) from (
    select source_key, true as listed, listed_at from adult_raw
    union all select source_key, false, refined_at from adult_refined) k
group by source_key;

insert into adult_version (source_key, source_etag, bytes, state, listed_at, refined_by, parts, records, rejected,
                           skipped, loaded_records)
select r.source_key, r.source_etag, coalesce(max(w.bytes), 0),
       case when not bool_or(r.last_part) then 'refining'
            when sum(r.loaded_records) = sum(r.records) then 'loaded'
            when sum(r.loaded_records) > 0 then 'loading' else 'refined' end,
       min(r.refined_at), (array_agg(r.refined_by order by r.id desc))[1], count(*), sum(r.records),
       sum(r.rejected), sum(r.skipped), sum(r.loaded_records)
from adult_refined r left join adult_raw w on w.source_key = r.source_key and w.source_etag = r.source_etag
group by r.source_key, r.source_etag
order by min(r.id);

insert into adult_version (source_key, source_etag, bytes, listed_at)
select w.source_key, w.source_etag, w.bytes, w.listed_at from adult_raw w
where not exists (select 1 from adult_refined r where r.source_key = w.source_key and r.source_etag = w.source_etag)
order by w.source_key;

update adult_refined r set version_id = v.id
from adult_version v where v.source_key = r.source_key and v.source_etag = r.source_etag;

update adult_source s set live_version = coalesce(
    (select v.id from adult_version v join adult_raw w on w.source_key = v.source_key and w.source_etag = v.source_etag
     where v.source_key = s.source_key),
    (select max(v.id) from adult_version v where v.source_key = s.source_key));

update adult_source s set rows_version =
    (select max(v.id) from adult_version v where v.source_key = s.source_key and v.loaded_records > 0);

update adult_version v set state = 'superseded'
where not exists (select 1 from adult_source s where s.live_version = v.id);

update adult_refined r set to_load = true
from adult_source s where s.live_version = r.version_id and r.loaded_records < r.records;

insert into adult_load_progress (records, loaded, rejected, skipped)
select coalesce(sum(v.records), 0), coalesce(sum(v.loaded_records), 0), coalesce(sum(v.rejected), 0),
       coalesce(sum(v.skipped), 0)
from adult_version v join adult_source s on s.live_version = v.id;

alter table adult_refined alter column version_id set not null;
drop index adult_refined_part;
create unique index adult_refined_part on adult_refined (version_id, part_no);
-- the load queue: a tick reads these rows only
create index adult_refined_to_load on adult_refined (id) where to_load;

-- Claims are columns of the version now; the listing's copy of raw/ is adult_source and adult_version.
drop table adult_claim;
drop table adult_raw;

-- What the load still waits for, in one snapshot: live versions not refined yet, and parts with records to load.
create view adult_load_waiting as
select (select count(*) from adult_version v join adult_source s on s.live_version = v.id
        where s.listed and v.state in ('listed', 'claimed', 'refining'))
     + (select count(*) from adult_refined where to_load) as waiting;

-- The load lock is taken by its statement, sql/lock/load.sql, where its name is written once.
drop function adult_lock_load();
-- A listing compares key ranges in S3's order (bytes), which the database's collation may not follow.
create index adult_source_listed on adult_source (source_key collate "C") where listed;
