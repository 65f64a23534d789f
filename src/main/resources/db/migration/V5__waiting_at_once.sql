-- Whether the load still waits for anything, read after every tick that empties the queue: 1 as soon as one live
-- version of a listed key is not refined yet or one part has records to load, else 0. It counted them before, which
-- hashed every key of the history on each such tick (a type kept, so its readers compare with 0 as before).
create or replace view adult_load_waiting as
select cast(case when exists (select 1 from adult_version v
                              join adult_source s on s.source_key = v.source_key and s.live_version = v.id
                              where s.listed and v.state in ('listed', 'claimed', 'refining'))
                   or exists (select 1 from adult_refined where to_load)
                 then 1 else 0 end as bigint) as waiting;
