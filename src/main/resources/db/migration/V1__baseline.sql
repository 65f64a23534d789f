-- The schema as the release before Flyway left it (its installer's idempotent script, less the CHECK constraints of
-- R__AdultChecks and the Quartz tables of V2__QuartzTables). A database of that release is baselined at version 2.

-- Load state beside the data (adult-etl). Idempotent: run at every start-up.

-- One row per refined part of a raw object's version, in arrival order (= load order). A row exists only once the
-- part's refined object and rejects are complete (and, for the last part, the report), so the last part's row
-- doubles as the "refined once per version" ledger.
create table if not exists adult_refined (
    id              bigserial primary key,
    source_key      text        not null,
    source_etag     text        not null,
    refined_key     text        not null,
    refined_etag    text        not null,   -- reads are pinned to it: an overwritten object is never misread
    refined_bytes   bigint      not null,
    data_offset     bigint      not null,   -- first byte after the refined header row
    records         integer     not null,   -- valid records in the refined object
    rejected        integer     not null,
    skipped         integer     not null,
    refined_at      timestamptz not null default now(),
    loaded_records  integer     not null default 0,  -- advanced in the same transaction as the rows it counts
    loaded_bytes    bigint      not null             -- byte offset of the next record to load
);

-- A large version is refined in parts, each registered (one row) as soon as it is uploaded, so the loader starts
-- before the refine ends; the version is refined once its last part is registered (one-part versions: part 1, last).
alter table adult_refined add column if not exists part_no integer not null default 1;

alter table adult_refined add column if not exists last_part boolean not null default true;

alter table adult_refined drop constraint if exists adult_refined_source_key_source_etag_key;

create unique index if not exists adult_refined_part on adult_refined (source_key, source_etag, part_no);

-- One row per committed batch: what the per-batch log line says, kept.
create table if not exists adult_load_batch (
    batch_no      bigint      primary key,
    records       integer     not null,
    loaded_total  bigint      not null,
    committed_at  timestamptz not null default clock_timestamp()  -- the insert, just before the commit
);

-- Which instance refined each version and which committed each batch: the session's application_name, which
-- the service sets to its instance id (adult.instance.id). Null for rows written before instances were named.
alter table adult_refined add column if not exists refined_by text;

alter table adult_refined alter column refined_by set default current_setting('application_name');

alter table adult_load_batch add column if not exists instance text;

alter table adult_load_batch alter column instance set default current_setting('application_name');

-- When the load trigger fired the batch's tick: the cluster's pace, apart from how long each tick took.
alter table adult_load_batch add column if not exists started_at timestamptz;

-- One row per rejected record of the current version of each source: where, why, and the raw text.
-- Written in the same transaction that records the version as refined, so exactly once.
create table if not exists adult_rejects (
    source_key   text        not null,
    source_etag  text        not null,
    source_line  integer     not null,
    rule         text        not null,
    field        text,                   -- null when the rule concerns the whole line
    detail       text        not null,
    raw          text        not null,   -- the line as read (NUL shown as U+FFFD)
    rejected_at  timestamptz not null default now(),
    primary key (source_key, source_etag, source_line)
);

-- The versions wholly refined: the row of their last part is there (the one place that says what "refined" means).
create or replace view adult_refined_versions as
select source_key, source_etag, refined_by from adult_refined where last_part;

-- The versions still to be loaded or kept: the newest of each source key, in arrival (= load) order. An older
-- version is superseded the moment a newer one is recorded.
create or replace view adult_refined_live as
select r.* from adult_refined r
where not exists (select 1 from adult_refined newer where newer.source_key = r.source_key
                  and newer.source_etag <> r.source_etag and newer.id > r.id);

-- What a load tick reads: the live parts in load order, the last batch number, and whether a part is the first
-- with records of its version while an older version of the key left rows (which go in that part's first batch).
-- Replaced in place, so a running instance's tick never meets it missing: a column added to adult_refined must
-- drop it first (its own columns come after adult_refined's).
create or replace view adult_load_queue as
select r.*, (select max(batch_no) from adult_load_batch) as last_batch_no,
       not exists (select 1 from adult_refined earlier where earlier.source_key = r.source_key
                   and earlier.source_etag = r.source_etag and earlier.id < r.id and earlier.records > 0)
       and exists (select 1 from adult_refined old where old.source_key = r.source_key
                   and old.source_etag <> r.source_etag and old.id < r.id and old.loaded_records > 0) as replaces_rows
from adult_refined_live r;

-- The one lock that orders loading a batch and recording a refined version, across instances; held to the commit.
create or replace function adult_lock_load() returns void language sql
as 'select pg_advisory_xact_lock(hashtext(''adult-etl load''))';

-- What the last listing of raw/ saw: each key and its current version. A version listed here and absent from
-- adult_refined waits to be refined, whichever instance listed it.
create table if not exists adult_raw (
    source_key  text        primary key,
    source_etag text        not null,
    bytes       bigint      not null,
    listed_at   timestamptz not null default now()
);

-- Who refines a raw version: one claim per version with a lease that its instance renews while it refines. An
-- expired claim is taken over; a refined version keeps its claim until the lease ends.
create table if not exists adult_claim (
    source_key  text        not null,
    source_etag text        not null,
    instance    text        not null,
    expires_at  timestamptz not null,
    primary key (source_key, source_etag)
);

-- The claims whose lease has not run out (RefineClaims takes over the others).
create or replace view adult_claim_live as
select * from adult_claim where expires_at > clock_timestamp();

-- Raw versions listed and not refined yet: while one is left, the load is not complete.
create or replace view adult_raw_waiting as
select w.* from adult_raw w
where not exists (select 1 from adult_refined_versions v
                  where v.source_key = w.source_key and v.source_etag = w.source_etag);

-- What the load still waits for: raw versions listed and not refined yet, and live parts not wholly loaded. One
-- snapshot, so a version registered just after the last batch committed is not missed.
create or replace view adult_load_waiting as
select (select count(*) from adult_raw_waiting)
     + (select count(*) from adult_refined_live where loaded_records < records) as waiting;

create table if not exists adult (
    age smallint not null,
    workclass text,
    fnlwgt integer not null,
    education text,
    education_num smallint not null,
    marital_status text,
    occupation text,
    relationship text,
    race text,
    sex text,
    capital_gain integer not null,
    capital_loss integer not null,
    hours_per_week smallint not null,
    native_country text,
    class text not null,
    source_key  text        not null,
    source_line integer     not null,
    load_batch  bigint      not null,
    loaded_at   timestamptz not null default now(),
    primary key (source_key, source_line)
);
-- Insight view over table adult, replaced at every start-up: who earns more than $50K, by education,
-- occupation, sex, race, age band and hours band; as raw record counts and weighted by fnlwgt (the number of
-- people the census believes each record stands for). Unknown values form their own group, 'unknown'.
--   select * from adult_income_by_dimension where dimension = 'education' order by pct_people_over_50k desc;

create or replace view adult_income_by_dimension as
select d.dimension,
       d.value,
       count(*)                                                  as records,
       count(*) filter (where a.class = '>50K')                  as records_over_50k,
       round(100.0 * count(*) filter (where a.class = '>50K') / count(*), 1) as pct_records_over_50k,
       sum(a.fnlwgt)                                             as people,
       coalesce(sum(a.fnlwgt) filter (where a.class = '>50K'), 0) as people_over_50k,
       round(100.0 * coalesce(sum(a.fnlwgt) filter (where a.class = '>50K'), 0) / sum(a.fnlwgt), 1)
                                                                 as pct_people_over_50k
from adult a
cross join lateral (values
    ('education',  coalesce(a.education, 'unknown')),
    ('occupation', coalesce(a.occupation, 'unknown')),
    ('sex',        coalesce(a.sex, 'unknown')),
    ('race',       coalesce(a.race, 'unknown')),
    ('age band',   case when a.age < 25 then '17-24' when a.age < 35 then '25-34' when a.age < 45 then '35-44'
                        when a.age < 55 then '45-54' when a.age < 65 then '55-64' else '65+' end),
    ('hours band', case when a.hours_per_week < 20 then '01-19' when a.hours_per_week < 35 then '20-34'
                        when a.hours_per_week <= 40 then '35-40' when a.hours_per_week <= 50 then '41-50'
                        when a.hours_per_week <= 60 then '51-60' else '61+' end)
) as d (dimension, value)
group by d.dimension, d.value;
