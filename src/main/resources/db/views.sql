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
