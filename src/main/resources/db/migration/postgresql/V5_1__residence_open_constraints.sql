-- An open residence (no move-out date) fills these columns; closed ones leave them null, and
-- nulls never clash in a unique index. So one person has at most one open residence and a bed
-- of a room holds at most one person, whatever two requests do at the same moment.
alter table residence add column open_person_id bigint
    generated always as (case when moved_out is null then person_id end) stored;
alter table residence add column open_place_id bigint
    generated always as (case when moved_out is null and bed is not null then place_id end) stored;
create unique index residence_open_person_uk on residence (open_person_id);
create unique index residence_open_bed_uk on residence (open_place_id, bed);
alter table residence add constraint residence_dates_ck check (moved_out is null or moved_out >= moved_in);
