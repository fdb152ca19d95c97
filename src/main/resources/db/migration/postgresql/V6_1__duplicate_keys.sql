-- Keys the duplicate detection and the coverage audit group by, kept by the database itself so
-- every way a person is written (form, import, API, demo) maintains them. Their Java twins are
-- DuplicateRules.nameKey and DuplicateRules.idKey; an integration test keeps the two in step.
-- name_key: the name without spaces, dots and middle dots, full-width letters made ASCII, lower case.
alter table person add column name_key varchar(100) generated always as (lower(translate(replace(replace(replace(replace(replace(replace(name, ' ', ''), '　', ''), '·', ''), '・', ''), '•', ''), '.', ''), 'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'))) stored;
-- id_key: any identifier that is a Chinese ID number (15 or 18 digits, whatever its declared type)
-- as its first 17 digits, which decide the check digit; anything else upper-cased.
alter table person add column id_key varchar(32) generated always as (
    case when upper(replace(replace(id_number, ' ', ''), '-', '')) ~ '^[0-9]{15}$' then substr(upper(replace(replace(id_number, ' ', ''), '-', '')), 1, 6) || '19' || substr(upper(replace(replace(id_number, ' ', ''), '-', '')), 7, 9)
         when upper(replace(replace(id_number, ' ', ''), '-', '')) ~ '^[0-9]{17}[0-9X]$' then substr(upper(replace(replace(id_number, ' ', ''), '-', '')), 1, 17)
         else nullif(upper(replace(replace(id_number, ' ', ''), '-', '')), '') end) stored;
-- phone_ok: the phone is a Chinese mobile, a landline with area code, or an international number.
alter table person add column phone_ok boolean generated always as (
    coalesce(phone ~ '^(1[3-9][0-9]{9}|0[0-9]{9,11}|\+[0-9]{7,15})$', false)) stored;
create index person_name_key_ix on person (school_id, name_key, birth_date);
create index person_id_key_ix on person (school_id, id_key);
