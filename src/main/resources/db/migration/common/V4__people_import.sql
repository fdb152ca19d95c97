-- Uploaded people lists awaiting review: the file is kept so preview and commit read the same
-- bytes on any app node; it is deleted with the row.
create table people_import (
    id            varchar(36)  not null primary key,
    school_id     bigint       not null references school (id),
    created_by    varchar(64)  not null,
    created_at    timestamp with time zone default current_timestamp not null,
    file_name     varchar(255) not null,
    content       bytea        not null,
    mapping       varchar(2000),
    status        varchar(16)  default 'PREVIEW' not null,
    committed_at  timestamp with time zone,
    summary       varchar(500)
);
create index people_import_school_ix on people_import (school_id, created_at);
