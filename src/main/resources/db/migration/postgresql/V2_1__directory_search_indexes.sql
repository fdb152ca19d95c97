-- PostgreSQL only. Names, numbers and tree paths compare in the "C" collation (code-point order):
-- a prefix search (LIKE 'x%') and an ORDER BY can then both use one plain b-tree index, whatever
-- collation the database was created with. See docs/decisions/0001.
alter table person alter column name type varchar(100) collate "C";
alter table person alter column code type varchar(32) collate "C";
alter table person alter column id_number type varchar(32) collate "C";
alter table person alter column phone type varchar(32) collate "C";
alter table org_unit alter column path type varchar(500) collate "C";
alter table place alter column path type varchar(500) collate "C";
create index org_unit_path_ix on org_unit (path);
create index place_path_ix on place (path);
create index person_population_name_ix on person (school_id, population, name, id);
