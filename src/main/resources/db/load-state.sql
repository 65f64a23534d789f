-- Load state beside the data (adult-etl). Idempotent: run at every start-up.

-- One row per refined version of a raw object, in arrival order (= load order). A row exists only once the
-- refined object, its rejects and report are complete, so it doubles as the "refined once per version" ledger.
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
    loaded_bytes    bigint      not null,            -- byte offset of the next record to load
    unique (source_key, source_etag)
);

-- One row per committed batch: what the per-batch log line says, kept.
create table if not exists adult_load_batch (
    batch_no      bigint      primary key,
    records       integer     not null,
    loaded_total  bigint      not null,
    committed_at  timestamptz not null default clock_timestamp()  -- the insert, just before the commit
);

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

-- The versions still to be loaded or kept: the newest of each source key, in arrival (= load) order. An older
-- version is superseded the moment a newer one is recorded.
create or replace view adult_refined_live as
select r.* from adult_refined r
where not exists (select 1 from adult_refined newer where newer.source_key = r.source_key and newer.id > r.id);

-- The one lock that orders loading a batch and recording a refined version, across instances; held to the commit.
create or replace function adult_lock_load() returns void language sql
as 'select pg_advisory_xact_lock(hashtext(''adult-etl load''))';
