create table pai (
    id           varchar(36)  primary key,
    name         varchar(100) not null,
    description  varchar(500),
    owner_id     varchar(64)  not null,
    invite_code  varchar(16)  not null unique,
    last_seq     bigint       not null default 0,
    created_at   timestamptz  not null
);

create table membership (
    pai_id     varchar(36) not null references pai (id),
    user_id    varchar(64) not null,
    role       varchar(10) not null,
    read_seq   bigint      not null default 0,
    joined_at  timestamptz not null,
    primary key (pai_id, user_id)
);
create index membership_by_user on membership (user_id);

create table message (
    id             varchar(36)   primary key,
    pai_id         varchar(36)   not null references pai (id),
    seq            bigint        not null,
    sender_id      varchar(64)   not null,
    sender_kind    varchar(10)   not null,
    kind           varchar(10)   not null,
    text           varchar(4000),
    media_id       varchar(64),
    mentions       varchar(2000),
    reply_to_seq   bigint,
    client_msg_id  varchar(64),
    created_at     timestamptz   not null,
    unique (pai_id, seq),
    unique (pai_id, sender_id, client_msg_id)
);
