-- The schema as the release before Flyway installed it (AdultSchema.statements() at 8ab5722), for UpgradeIT: a
-- database of that release upgrades in place. A fixture: never edited.

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

alter table adult drop constraint if exists adult_age_valid, add constraint adult_age_valid check (age between 0 and 120);

comment on constraint adult_age_valid on adult is 'age between 0 and 120';

alter table adult drop constraint if exists adult_workclass_valid, add constraint adult_workclass_valid check (workclass in ('Private', 'Self-emp-not-inc', 'Self-emp-inc', 'Federal-gov', 'Local-gov', 'State-gov', 'Without-pay', 'Never-worked'));

comment on constraint adult_workclass_valid on adult is 'workclass in (''Private'', ''Self-emp-not-inc'', ''Self-emp-inc'', ''Federal-gov'', ''Local-gov'', ''State-gov'', ''Without-pay'', ''Never-worked'')';

alter table adult drop constraint if exists adult_fnlwgt_valid, add constraint adult_fnlwgt_valid check (fnlwgt between 1 and 2147483647);

comment on constraint adult_fnlwgt_valid on adult is 'fnlwgt between 1 and 2147483647';

alter table adult drop constraint if exists adult_education_valid, add constraint adult_education_valid check (education in ('Bachelors', 'Some-college', '11th', 'HS-grad', 'Prof-school', 'Assoc-acdm', 'Assoc-voc', '9th', '7th-8th', '12th', 'Masters', '1st-4th', '10th', 'Doctorate', '5th-6th', 'Preschool'));

comment on constraint adult_education_valid on adult is 'education in (''Bachelors'', ''Some-college'', ''11th'', ''HS-grad'', ''Prof-school'', ''Assoc-acdm'', ''Assoc-voc'', ''9th'', ''7th-8th'', ''12th'', ''Masters'', ''1st-4th'', ''10th'', ''Doctorate'', ''5th-6th'', ''Preschool'')';

alter table adult drop constraint if exists adult_education_num_valid, add constraint adult_education_num_valid check (education_num between 1 and 16);

comment on constraint adult_education_num_valid on adult is 'education_num between 1 and 16';

alter table adult drop constraint if exists adult_marital_status_valid, add constraint adult_marital_status_valid check (marital_status in ('Married-civ-spouse', 'Divorced', 'Never-married', 'Separated', 'Widowed', 'Married-spouse-absent', 'Married-AF-spouse'));

comment on constraint adult_marital_status_valid on adult is 'marital_status in (''Married-civ-spouse'', ''Divorced'', ''Never-married'', ''Separated'', ''Widowed'', ''Married-spouse-absent'', ''Married-AF-spouse'')';

alter table adult drop constraint if exists adult_occupation_valid, add constraint adult_occupation_valid check (occupation in ('Tech-support', 'Craft-repair', 'Other-service', 'Sales', 'Exec-managerial', 'Prof-specialty', 'Handlers-cleaners', 'Machine-op-inspct', 'Adm-clerical', 'Farming-fishing', 'Transport-moving', 'Priv-house-serv', 'Protective-serv', 'Armed-Forces'));

comment on constraint adult_occupation_valid on adult is 'occupation in (''Tech-support'', ''Craft-repair'', ''Other-service'', ''Sales'', ''Exec-managerial'', ''Prof-specialty'', ''Handlers-cleaners'', ''Machine-op-inspct'', ''Adm-clerical'', ''Farming-fishing'', ''Transport-moving'', ''Priv-house-serv'', ''Protective-serv'', ''Armed-Forces'')';

alter table adult drop constraint if exists adult_relationship_valid, add constraint adult_relationship_valid check (relationship in ('Wife', 'Own-child', 'Husband', 'Not-in-family', 'Other-relative', 'Unmarried'));

comment on constraint adult_relationship_valid on adult is 'relationship in (''Wife'', ''Own-child'', ''Husband'', ''Not-in-family'', ''Other-relative'', ''Unmarried'')';

alter table adult drop constraint if exists adult_race_valid, add constraint adult_race_valid check (race in ('White', 'Asian-Pac-Islander', 'Amer-Indian-Eskimo', 'Other', 'Black'));

comment on constraint adult_race_valid on adult is 'race in (''White'', ''Asian-Pac-Islander'', ''Amer-Indian-Eskimo'', ''Other'', ''Black'')';

alter table adult drop constraint if exists adult_sex_valid, add constraint adult_sex_valid check (sex in ('Female', 'Male'));

comment on constraint adult_sex_valid on adult is 'sex in (''Female'', ''Male'')';

alter table adult drop constraint if exists adult_capital_gain_valid, add constraint adult_capital_gain_valid check (capital_gain between 0 and 99999);

comment on constraint adult_capital_gain_valid on adult is 'capital_gain between 0 and 99999';

alter table adult drop constraint if exists adult_capital_loss_valid, add constraint adult_capital_loss_valid check (capital_loss between 0 and 99999);

comment on constraint adult_capital_loss_valid on adult is 'capital_loss between 0 and 99999';

alter table adult drop constraint if exists adult_hours_per_week_valid, add constraint adult_hours_per_week_valid check (hours_per_week between 1 and 168);

comment on constraint adult_hours_per_week_valid on adult is 'hours_per_week between 1 and 168';

alter table adult drop constraint if exists adult_native_country_valid, add constraint adult_native_country_valid check (native_country in ('United-States', 'Cambodia', 'England', 'Puerto-Rico', 'Canada', 'Germany', 'Outlying-US(Guam-USVI-etc)', 'India', 'Japan', 'Greece', 'South', 'China', 'Cuba', 'Iran', 'Honduras', 'Philippines', 'Italy', 'Poland', 'Jamaica', 'Vietnam', 'Mexico', 'Portugal', 'Ireland', 'France', 'Dominican-Republic', 'Laos', 'Ecuador', 'Taiwan', 'Haiti', 'Columbia', 'Hungary', 'Guatemala', 'Nicaragua', 'Scotland', 'Thailand', 'Yugoslavia', 'El-Salvador', 'Trinadad&Tobago', 'Peru', 'Hong', 'Holand-Netherlands'));

comment on constraint adult_native_country_valid on adult is 'native_country in (''United-States'', ''Cambodia'', ''England'', ''Puerto-Rico'', ''Canada'', ''Germany'', ''Outlying-US(Guam-USVI-etc)'', ''India'', ''Japan'', ''Greece'', ''South'', ''China'', ''Cuba'', ''Iran'', ''Honduras'', ''Philippines'', ''Italy'', ''Poland'', ''Jamaica'', ''Vietnam'', ''Mexico'', ''Portugal'', ''Ireland'', ''France'', ''Dominican-Republic'', ''Laos'', ''Ecuador'', ''Taiwan'', ''Haiti'', ''Columbia'', ''Hungary'', ''Guatemala'', ''Nicaragua'', ''Scotland'', ''Thailand'', ''Yugoslavia'', ''El-Salvador'', ''Trinadad&Tobago'', ''Peru'', ''Hong'', ''Holand-Netherlands'')';

alter table adult drop constraint if exists adult_class_valid, add constraint adult_class_valid check (class in ('>50K', '<=50K'));

comment on constraint adult_class_valid on adult is 'class in (''>50K'', ''<=50K'')';

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

CREATE TABLE IF NOT EXISTS QRTZ_JOB_DETAILS
(
  SCHED_NAME        VARCHAR(120) NOT NULL,
  JOB_NAME          VARCHAR(200) NOT NULL,
  JOB_GROUP         VARCHAR(200) NOT NULL,
  DESCRIPTION       VARCHAR(250) NULL,
  JOB_CLASS_NAME    VARCHAR(250) NOT NULL,
  IS_DURABLE        BOOL         NOT NULL,
  IS_NONCONCURRENT  BOOL         NOT NULL,
  IS_UPDATE_DATA    BOOL         NOT NULL,
  REQUESTS_RECOVERY BOOL         NOT NULL,
  JOB_DATA          BYTEA        NULL,
  PRIMARY KEY (SCHED_NAME, JOB_NAME, JOB_GROUP)
);

CREATE TABLE IF NOT EXISTS QRTZ_TRIGGERS
(
  SCHED_NAME     VARCHAR(120) NOT NULL,
  TRIGGER_NAME   VARCHAR(200) NOT NULL,
  TRIGGER_GROUP  VARCHAR(200) NOT NULL,
  JOB_NAME       VARCHAR(200) NOT NULL,
  JOB_GROUP      VARCHAR(200) NOT NULL,
  DESCRIPTION    VARCHAR(250) NULL,
  NEXT_FIRE_TIME BIGINT       NULL,
  PREV_FIRE_TIME BIGINT       NULL,
  PRIORITY       INTEGER      NULL,
  TRIGGER_STATE  VARCHAR(16)  NOT NULL,
  TRIGGER_TYPE   VARCHAR(8)   NOT NULL,
  START_TIME     BIGINT       NOT NULL,
  END_TIME       BIGINT       NULL,
  CALENDAR_NAME  VARCHAR(200) NULL,
  MISFIRE_INSTR  SMALLINT     NULL,
  JOB_DATA       BYTEA        NULL,
  PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  FOREIGN KEY (SCHED_NAME, JOB_NAME, JOB_GROUP)
  REFERENCES QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP)
);

CREATE TABLE IF NOT EXISTS QRTZ_SIMPLE_TRIGGERS
(
  SCHED_NAME      VARCHAR(120) NOT NULL,
  TRIGGER_NAME    VARCHAR(200) NOT NULL,
  TRIGGER_GROUP   VARCHAR(200) NOT NULL,
  REPEAT_COUNT    BIGINT       NOT NULL,
  REPEAT_INTERVAL BIGINT       NOT NULL,
  TIMES_TRIGGERED BIGINT       NOT NULL,
  PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
  REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
);

CREATE TABLE IF NOT EXISTS QRTZ_CRON_TRIGGERS
(
  SCHED_NAME      VARCHAR(120) NOT NULL,
  TRIGGER_NAME    VARCHAR(200) NOT NULL,
  TRIGGER_GROUP   VARCHAR(200) NOT NULL,
  CRON_EXPRESSION VARCHAR(120) NOT NULL,
  TIME_ZONE_ID    VARCHAR(80),
  PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
  REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
);

CREATE TABLE IF NOT EXISTS QRTZ_SIMPROP_TRIGGERS
(
  SCHED_NAME    VARCHAR(120)   NOT NULL,
  TRIGGER_NAME  VARCHAR(200)   NOT NULL,
  TRIGGER_GROUP VARCHAR(200)   NOT NULL,
  STR_PROP_1    VARCHAR(512)   NULL,
  STR_PROP_2    VARCHAR(512)   NULL,
  STR_PROP_3    VARCHAR(512)   NULL,
  INT_PROP_1    INT            NULL,
  INT_PROP_2    INT            NULL,
  LONG_PROP_1   BIGINT         NULL,
  LONG_PROP_2   BIGINT         NULL,
  DEC_PROP_1    NUMERIC(13, 4) NULL,
  DEC_PROP_2    NUMERIC(13, 4) NULL,
  BOOL_PROP_1   BOOL           NULL,
  BOOL_PROP_2   BOOL           NULL,
  PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
  REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
);

CREATE TABLE IF NOT EXISTS QRTZ_BLOB_TRIGGERS
(
  SCHED_NAME    VARCHAR(120) NOT NULL,
  TRIGGER_NAME  VARCHAR(200) NOT NULL,
  TRIGGER_GROUP VARCHAR(200) NOT NULL,
  BLOB_DATA     BYTEA        NULL,
  PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
  FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
  REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP)
);

CREATE TABLE IF NOT EXISTS QRTZ_CALENDARS
(
  SCHED_NAME    VARCHAR(120) NOT NULL,
  CALENDAR_NAME VARCHAR(200) NOT NULL,
  CALENDAR      BYTEA        NOT NULL,
  PRIMARY KEY (SCHED_NAME, CALENDAR_NAME)
);

CREATE TABLE IF NOT EXISTS QRTZ_PAUSED_TRIGGER_GRPS
(
  SCHED_NAME    VARCHAR(120) NOT NULL,
  TRIGGER_GROUP VARCHAR(200) NOT NULL,
  PRIMARY KEY (SCHED_NAME, TRIGGER_GROUP)
);

CREATE TABLE IF NOT EXISTS QRTZ_FIRED_TRIGGERS
(
  SCHED_NAME        VARCHAR(120) NOT NULL,
  ENTRY_ID          VARCHAR(95)  NOT NULL,
  TRIGGER_NAME      VARCHAR(200) NOT NULL,
  TRIGGER_GROUP     VARCHAR(200) NOT NULL,
  INSTANCE_NAME     VARCHAR(200) NOT NULL,
  FIRED_TIME        BIGINT       NOT NULL,
  SCHED_TIME        BIGINT       NOT NULL,
  PRIORITY          INTEGER      NOT NULL,
  STATE             VARCHAR(16)  NOT NULL,
  JOB_NAME          VARCHAR(200) NULL,
  JOB_GROUP         VARCHAR(200) NULL,
  IS_NONCONCURRENT  BOOL         NULL,
  REQUESTS_RECOVERY BOOL         NULL,
  PRIMARY KEY (SCHED_NAME, ENTRY_ID)
);

CREATE TABLE IF NOT EXISTS QRTZ_SCHEDULER_STATE
(
  SCHED_NAME        VARCHAR(120) NOT NULL,
  INSTANCE_NAME     VARCHAR(200) NOT NULL,
  LAST_CHECKIN_TIME BIGINT       NOT NULL,
  CHECKIN_INTERVAL  BIGINT       NOT NULL,
  PRIMARY KEY (SCHED_NAME, INSTANCE_NAME)
);

CREATE TABLE IF NOT EXISTS QRTZ_LOCKS
(
  SCHED_NAME VARCHAR(120) NOT NULL,
  LOCK_NAME  VARCHAR(40)  NOT NULL,
  PRIMARY KEY (SCHED_NAME, LOCK_NAME)
);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_J_REQ_RECOVERY
  ON QRTZ_JOB_DETAILS (SCHED_NAME, REQUESTS_RECOVERY);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_J_GRP
  ON QRTZ_JOB_DETAILS (SCHED_NAME, JOB_GROUP);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_J
  ON QRTZ_TRIGGERS (SCHED_NAME, JOB_NAME, JOB_GROUP);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_JG
  ON QRTZ_TRIGGERS (SCHED_NAME, JOB_GROUP);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_C
  ON QRTZ_TRIGGERS (SCHED_NAME, CALENDAR_NAME);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_G
  ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_GROUP);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_STATE
  ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_N_STATE
  ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP, TRIGGER_STATE);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_N_G_STATE
  ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_GROUP, TRIGGER_STATE);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_NEXT_FIRE_TIME
  ON QRTZ_TRIGGERS (SCHED_NAME, NEXT_FIRE_TIME);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_NFT_ST
  ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_NFT_MISFIRE
  ON QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, NEXT_FIRE_TIME);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_NFT_ST_MISFIRE
  ON QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, NEXT_FIRE_TIME, TRIGGER_STATE);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_T_NFT_ST_MISFIRE_GRP
  ON QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, NEXT_FIRE_TIME, TRIGGER_GROUP, TRIGGER_STATE);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_FT_TRIG_INST_NAME
  ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, INSTANCE_NAME);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_FT_INST_JOB_REQ_RCVRY
  ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, INSTANCE_NAME, REQUESTS_RECOVERY);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_FT_J_G
  ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, JOB_NAME, JOB_GROUP);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_FT_JG
  ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, JOB_GROUP);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_FT_T_G
  ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP);

CREATE INDEX IF NOT EXISTS IDX_QRTZ_FT_TG
  ON QRTZ_FIRED_TRIGGERS (SCHED_NAME, TRIGGER_GROUP);

