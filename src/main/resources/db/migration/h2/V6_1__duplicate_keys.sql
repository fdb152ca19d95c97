-- Same keys as on PostgreSQL (see db/migration/postgresql/V6_1), in H2's dialect.
alter table person add column name_key varchar(100) generated always as (lower(translate(replace(replace(replace(replace(replace(replace(name, ' ', ''), '　', ''), '·', ''), '・', ''), '•', ''), '.', ''), 'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')));
alter table person add column id_key varchar(32) generated always as (
    case when regexp_like(upper(replace(replace(id_number, ' ', ''), '-', '')), '^[0-9]{15}$') then substr(upper(replace(replace(id_number, ' ', ''), '-', '')), 1, 6) || '19' || substr(upper(replace(replace(id_number, ' ', ''), '-', '')), 7, 9)
         when regexp_like(upper(replace(replace(id_number, ' ', ''), '-', '')), '^[0-9]{17}[0-9X]$') then substr(upper(replace(replace(id_number, ' ', ''), '-', '')), 1, 17)
         else nullif(upper(replace(replace(id_number, ' ', ''), '-', '')), '') end);
alter table person add column phone_ok boolean generated always as (
    coalesce(regexp_like(phone, '^(1[3-9][0-9]{9}|0[0-9]{9,11}|\+[0-9]{7,15})$'), false));
create index person_name_key_ix on person (school_id, name_key, birth_date);
create index person_id_key_ix on person (school_id, id_key);
