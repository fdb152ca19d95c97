-- Every change to a policy (its slots, settings or targets) counts up its revision, so app nodes can
-- keep a school's policies in memory and see in one cheap query whether they are still current.
alter table check_policy add column revision integer default 0 not null;
