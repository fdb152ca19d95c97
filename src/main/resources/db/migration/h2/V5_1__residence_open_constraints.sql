-- Same rules as the PostgreSQL migration: H2 computes generated columns without "stored".
alter table residence add column open_person_id bigint
    generated always as (case when moved_out is null then person_id end);
alter table residence add column open_place_id bigint
    generated always as (case when moved_out is null and bed is not null then place_id end);
create unique index residence_open_person_uk on residence (open_person_id);
create unique index residence_open_bed_uk on residence (open_place_id, bed);
alter table residence add constraint residence_dates_ck check (moved_out is null or moved_out >= moved_in);
