-- Every instance the cluster knows: alive while its Quartz check-in is due (with Quartz's grace, :grace_millis), the
-- batches it committed, the versions it refined and those it refines now (live claims)
with checkins as (
    select instance_name as instance, last_checkin_time, checkin_interval,
           last_checkin_time + checkin_interval + :grace_millis > extract(epoch from clock_timestamp()) * 1000 as alive
    from qrtz_scheduler_state where sched_name = :scheduler
), batches as (
    select instance, count(*) as batches, max(batch_no) as last_batch_no from adult_load_batch
    where instance is not null group by instance
), refined as (
    select refined_by as instance, count(*) as versions from adult_version
    where refined_by is not null group by refined_by
), claims as (
    select claimed_by as instance, count(*) as refining from adult_version
    where state in ('listed', 'claimed', 'refining') and claim_expires_at > clock_timestamp()
    group by claimed_by
), names as (
    select instance from checkins union select instance from batches
    union select instance from refined union select instance from claims
)
select n.instance, coalesce(k.alive, false) as alive, k.last_checkin_time, k.checkin_interval,
       coalesce(b.batches, 0) as batches, b.last_batch_no, coalesce(r.versions, 0) as versions,
       coalesce(c.refining, 0) as refining
from names n left join checkins k using (instance) left join batches b using (instance)
    left join refined r using (instance) left join claims c using (instance)
order by alive desc, n.instance limit :limit
