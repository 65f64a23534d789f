-- Claims a live version for this instance: taken when no one holds it, the holder's lease ran out, or the holder is
-- this instance's killed previous run; only while the version is live and not refined, and while no other version
-- of its key is claimed (a superseded refine still writing the key's refined objects must end first). Answers the
-- parts registered already (a refine killed after them resumes after them), no row when not claimed
update adult_version v
set claimed_by = :instance, claim_expires_at = clock_timestamp() + :lease * interval '1 millisecond',
    state = case when v.state = 'listed' then 'claimed' else v.state end, state_at = now()
where v.id = :id
  and v.state in ('listed', 'claimed', 'refining')
  and (v.claimed_by is null or v.claim_expires_at < clock_timestamp() or v.claimed_by = :instance)
  and exists (select 1 from adult_source s where s.live_version = v.id)
  and not exists (select 1 from adult_version o where o.source_key = v.source_key and o.id <> v.id
                  and o.claimed_by is not null and o.claim_expires_at > clock_timestamp())
returning v.parts
