-- PostgreSQL only: prefix searches on tree paths and names use the C-collation pattern operators.
create index org_unit_path_ix on org_unit (path varchar_pattern_ops);
create index place_path_ix on place (path varchar_pattern_ops);
create index person_name_prefix_ix on person (school_id, name varchar_pattern_ops);
create index person_code_prefix_ix on person (school_id, code varchar_pattern_ops);
