-- A key's live version is looked up from the version (claims, the listing's hand-out pages, held and older-rules
-- versions, the page's counts): by an index, so each costs the versions it reads, not every key of the history.
create index adult_source_live_version on adult_source (live_version);
