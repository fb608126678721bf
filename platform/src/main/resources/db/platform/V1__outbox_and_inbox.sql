-- Shared by every service (each in its own schema): events waiting to reach Kafka, and the
-- ids of events already handled by idempotent consumers.
create table outbox_event (
    id          bigserial primary key,
    event_id    varchar(64)  not null unique,
    topic       varchar(200) not null,
    event_key   varchar(200),
    payload     text         not null,
    created_at  timestamptz  not null
);

create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(64)  not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);
