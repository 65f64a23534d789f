-- Parts of the version registered already: a refine killed after them resumes after them
select parts from adult_version where id = :id
