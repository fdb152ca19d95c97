-- A roll-call mark of "abnormal" reaches triage even without a temperature (or with a normal one):
-- its signal names the roll-call revision that made the mark instead of a check-in.
alter table triage_signal alter column check_in_id drop not null;
alter table triage_signal add column roll_call_revision_id bigint;
create unique index triage_signal_roll_call_uk on triage_signal (roll_call_revision_id, task_id);
