-- Duplicates and coverage. A merged record stays (deactivated) and points at its lead record, so
-- links to it and its change history still lead somewhere.
alter table person add column merged_into_id bigint references person (id);
create index person_merged_into_ix on person (merged_into_id);

-- Pairs someone looked at and decided are two different people: never proposed again.
-- The smaller person id comes first.
create table duplicate_dismissal (
    school_id         bigint      not null references school (id),
    first_person_id   bigint      not null references person (id),
    second_person_id  bigint      not null references person (id),
    dismissed_by      varchar(64),
    dismissed_at      timestamp with time zone default current_timestamp not null,
    primary key (first_person_id, second_person_id)
);
create index duplicate_dismissal_second_ix on duplicate_dismissal (second_person_id);

-- A merge moves every reference to a person; these columns had no index to find them by.
create index household_head_ix on household (head_person_id);
create index grid_leader_ix on grid (leader_person_id);
create index app_user_person_ix on app_user (person_id);

-- Schools that exist already get the new permissions on their built-in roles.
insert into role_permission (role_id, permission)
select r.id, 'PEOPLE_MERGE' from app_role r where r.builtin = true and r.code in ('SYSTEM_ADMIN', 'PREVENTION_OFFICE')
  and not exists (select 1 from role_permission x where x.role_id = r.id and x.permission = 'PEOPLE_MERGE');
insert into role_permission (role_id, permission)
select r.id, 'COVERAGE_READ' from app_role r where r.builtin = true
  and r.code in ('SYSTEM_ADMIN', 'PREVENTION_OFFICE', 'UNIT_ADMIN')
  and not exists (select 1 from role_permission x where x.role_id = r.id and x.permission = 'COVERAGE_READ');
