select rule, count(*) as records from adult_rejects group by rule order by rule
