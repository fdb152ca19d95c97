-- H2: plain indexes serve prefix matches.
create index org_unit_path_ix on org_unit (path);
create index place_path_ix on place (path);
