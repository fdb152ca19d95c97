-- H2 compares in code-point order already; plain indexes serve prefix matches and sorting.
create index org_unit_path_ix on org_unit (path);
create index place_path_ix on place (path);
create index person_population_name_ix on person (school_id, population, name, id);
