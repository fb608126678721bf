-- agent-service's own copy of what it needs from chat-service (fed by Kafka, never by chat's database)
create table pai_member (
    pai_id      varchar(36) not null,
    user_id     varchar(64) not null,
    role        varchar(10) not null,
    updated_at  timestamptz not null,
    primary key (pai_id, user_id)
);

create table chat_line (
    pai_id       varchar(36)   not null,
    seq          bigint        not null,
    message_id   varchar(36)   not null,
    sender_id    varchar(64)   not null,
    sender_kind  varchar(10)   not null,
    kind         varchar(10)   not null,
    text         varchar(4000),
    mentions     varchar(2000),
    created_at   timestamptz   not null,
    primary key (pai_id, seq)
);
