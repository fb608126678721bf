-- Uploaded images: the files live on disk under pai.data-dir/media; these rows say whose they are.
create table media (
    id            varchar(36)  primary key,
    owner_id      varchar(64)  not null,
    content_type  varchar(40)  not null,
    width         int          not null,
    height        int          not null,
    size_bytes    bigint       not null,
    thumbnail_type varchar(40) not null,
    created_at    timestamptz  not null
);

-- One secret that signs media URLs, shared by every instance through the database.
create table url_signing_key (
    id      int    primary key,
    secret  bytea  not null
);
