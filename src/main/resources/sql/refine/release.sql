-- Lets go of this instance's claim once its refine ended (a registered version's claim is gone already): a version
-- still to refine is handed out again by the next listing
update adult_version
set claimed_by = null, claim_expires_at = null, state = case when state = 'claimed' then 'listed' else state end
where id = :id and claimed_by = :instance
