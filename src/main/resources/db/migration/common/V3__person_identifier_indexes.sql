-- Exact searches by ID or passport number do not know the ID type; the unique key starts with it.
create index person_id_number_ix on person (school_id, id_number);
