select batch_no, instance from adult_load_batch order by batch_no desc limit 1
