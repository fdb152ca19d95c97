-- Campus pass status (通行状态, issue 5 item 10). The status itself is never stored: it is computed when
-- read from the open control cases, isolation stays, check-ins, triage tasks and absences, so it cannot
-- go stale. A school may only change which colour each reason gives (defaults in control.PassRules).
create table pass_setting (
    school_id   bigint       not null references school (id),
    reason      varchar(32)  not null,
    colour      varchar(8)   not null,
    updated_at  timestamp with time zone default current_timestamp not null,
    updated_by  varchar(100) not null,
    primary key (school_id, reason),
    constraint pass_setting_colour_ck check (colour in ('GREEN', 'YELLOW', 'RED'))
);

-- Reading pass status: the office, units, counselors, the clinic, gate guards and leaders (BuiltinRole).
insert into role_permission (role_id, permission)
select r.id, 'PASS_READ' from app_role r where r.builtin = true
  and r.code in ('SYSTEM_ADMIN', 'PREVENTION_OFFICE', 'UNIT_ADMIN', 'COUNSELOR', 'CLINIC_DOCTOR', 'SECURITY_GUARD', 'LEADER')
  and not exists (select 1 from role_permission x where x.role_id = r.id and x.permission = 'PASS_READ');
