-- Uploaded lists of people, org units, places or residences. The file is kept so the review and the
-- commit read the same bytes on any app node; the analysis (counts and every problem by row and
-- field) is stored once per upload, mapping change or correction, so paging through problems never
-- re-reads the file.
create table import_upload (
    id                  varchar(36)  not null primary key,
    kind                varchar(16)  not null,
    school_id           bigint       not null references school (id),
    created_by          varchar(64)  not null,
    created_at          timestamp with time zone default current_timestamp not null,
    file_name           varchar(255) not null,
    format              varchar(8)   not null,
    encoding            varchar(16),
    content             bytea        not null,
    source_key          varchar(64)  not null,
    default_population  varchar(32),
    mapping             varchar(2000),
    header              varchar(4000),
    status              varchar(16)  default 'ANALYSED' not null,
    total_rows          integer      default 0 not null,
    valid_rows          integer      default 0 not null,
    invalid_rows        integer      default 0 not null,
    update_rows         integer      default 0 not null,
    progress            integer      default 0 not null,
    progress_at         timestamp with time zone,
    committed_at        timestamp with time zone,
    inserted            integer,
    updated             integer,
    skipped             integer,
    failure             varchar(200)
);
create index import_upload_school_ix on import_upload (school_id, created_at);

create table import_problem (
    import_id   varchar(36)  not null references import_upload (id) on delete cascade,
    row_number  integer      not null,
    seq         integer      not null,
    field       varchar(32)  not null,
    code        varchar(64)  not null,
    args        varchar(500),
    cells       varchar(1000),
    primary key (import_id, row_number, seq)
);

-- The column mapping a school chose for files of a kind with a given set of columns (a "source"), applied
-- again when a file with the same columns is uploaded.
create table import_mapping (
    school_id   bigint        not null references school (id),
    source_key  varchar(64)   not null,
    mapping     varchar(2000) not null,
    updated_by  varchar(64)   not null,
    updated_at  timestamp with time zone default current_timestamp not null,
    primary key (school_id, source_key)
);

-- Corrections typed on the review page, applied over the stored file's cells (row as numbered in
-- the sheet, column from 0).
create table import_edit (
    import_id   varchar(36)  not null references import_upload (id) on delete cascade,
    row_number  integer      not null,
    col         integer      not null,
    cell        varchar(500) not null,
    primary key (import_id, row_number, col)
);
