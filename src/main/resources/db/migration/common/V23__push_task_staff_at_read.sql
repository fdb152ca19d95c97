-- A verification task is for whoever answers for its person now (the responsibilities, read with the
-- task list), not for a copy of them taken at confirmation: a 100,000-row list wrote some 270,000 of
-- these links, most of the confirmation's time, and a handover left the open tasks with the old staff.
drop table push_task_staff;
