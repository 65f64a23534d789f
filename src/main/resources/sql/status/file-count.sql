select count(*) from adult_version
