SELECT count(*) FROM responses;
