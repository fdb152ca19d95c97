-- Schools created before residences and responsibilities could be edited get the new rights on their
-- built-in roles, as a new school does (BuiltinRole); roles a school made itself are left to it.
insert into role_permission (role_id, permission)
select r.id, 'RESIDENCES_WRITE' from app_role r where r.builtin = true
  and r.code in ('SYSTEM_ADMIN', 'PREVENTION_OFFICE', 'LOGISTICS')
  and not exists (select 1 from role_permission x where x.role_id = r.id and x.permission = 'RESIDENCES_WRITE');
insert into role_permission (role_id, permission)
select r.id, 'RESPONSIBILITY_WRITE' from app_role r where r.builtin = true
  and r.code in ('SYSTEM_ADMIN', 'PREVENTION_OFFICE', 'UNIT_ADMIN')
  and not exists (select 1 from role_permission x where x.role_id = r.id and x.permission = 'RESPONSIBILITY_WRITE');
