-- Group lucky packets share the packet store, the ledger and the refund table with drops.
alter table drop_packets rename to pool_packets;
alter table pool_packets rename column drop_id to pool_id;
alter table pool_packets drop constraint drop_packets_drop_id_fkey;

create table group_packet (
    id            varchar(36)  primary key,
    pai_id        varchar(36)  not null,
    sender_id     varchar(64)  not null,
    total_cents   bigint       not null check (total_cents between 1 and 2000000),
    packet_count  int          not null check (packet_count between 1 and 200),
    split         varchar(10)  not null,
    greeting      varchar(100) not null,
    status        varchar(10)  not null,
    created_at    timestamptz  not null,
    expires_at    timestamptz  not null,
    closed_at     timestamptz,
    check (total_cents >= packet_count)
);
create index group_packet_open on group_packet (status, expires_at) where status in ('SCHEDULED', 'ACTIVE', 'CLOSING');
create index group_packet_by_pai on group_packet (pai_id, created_at);

-- Who is in which pai, as pai.chat.members last said: grabbing a pai's packet needs membership.
create table pai_member (
    pai_id      varchar(36) not null,
    user_id     varchar(64) not null,
    role        varchar(10) not null,
    updated_at  timestamptz not null,
    primary key (pai_id, user_id)
);
