-- PostgreSQL is the truth for money; Redis only holds the open drops' packets and claims.
create table campaign (
    id                        varchar(36)  primary key,
    name                      varchar(100) not null,
    budget_cents              bigint       not null check (budget_cents > 0),
    reserved_cents            bigint       not null default 0,
    refunded_cents            bigint       not null default 0,
    starts_at                 timestamptz  not null,
    ends_at                   timestamptz  not null,
    timezone                  varchar(64)  not null,
    max_grabs_per_user        int          not null,
    share_bonus_grabs         int          not null,
    max_bonus_grabs_per_user  int          not null,
    daily_share_reward_cap    int,
    status                    varchar(10)  not null,
    created_by                varchar(64)  not null,
    created_at                timestamptz  not null,
    -- invariant 1: drops never reserve more than the budget plus what came back
    check (reserved_cents - refunded_cents <= budget_cents),
    check (ends_at > starts_at)
);

create table packet_drop (
    id            varchar(36) primary key,
    campaign_id   varchar(36) not null references campaign (id),
    packet_count  int         not null check (packet_count between 1 and 1000000),
    amount_cents  bigint      not null check (amount_cents >= packet_count),
    split         varchar(10) not null,
    starts_at     timestamptz not null,
    ends_at       timestamptz not null,
    status        varchar(10) not null,
    created_at    timestamptz not null,
    closed_at     timestamptz,
    check (ends_at > starts_at)
);
create index packet_drop_by_campaign on packet_drop (campaign_id, created_at);
create index packet_drop_open on packet_drop (status, ends_at) where status in ('SCHEDULED', 'ACTIVE', 'CLOSING');

-- All packets of a drop in one array (index = position): one write for up to 1,000,000 packets.
create table drop_packets (
    drop_id  varchar(36) primary key references packet_drop (id),
    amounts  bigint[]    not null
);

-- The ledger of grabs: one row per granted packet, whatever the pool.
create table grab (
    grab_id       varchar(36) primary key,
    pool_kind     varchar(12) not null,
    pool_id       varchar(36) not null,
    campaign_id   varchar(36),
    packet_index  int         not null,
    user_id       varchar(64) not null,
    amount_cents  bigint      not null check (amount_cents > 0),
    grabbed_at    timestamptz not null,
    recorded_at   timestamptz not null,
    unique (pool_id, user_id),
    unique (pool_id, packet_index)
);
create index grab_by_campaign on grab (campaign_id) where campaign_id is not null;
create index grab_by_user on grab (user_id, grabbed_at);

-- What returned at a pool's close: at most one row per pool.
create table refund (
    pool_id       varchar(36) primary key,
    pool_kind     varchar(12) not null,
    campaign_id   varchar(36),
    amount_cents  bigint      not null check (amount_cents >= 0),
    packets       int         not null,
    refunded_at   timestamptz not null
);

create table wallet (
    user_id        varchar(64) primary key,
    balance_cents  bigint      not null default 0 check (balance_cents >= 0),
    updated_at     timestamptz not null
);

create table wallet_entry (
    id            bigserial   primary key,
    user_id       varchar(64) not null,
    amount_cents  bigint      not null,
    kind          varchar(12) not null,
    ref_id        varchar(64) not null,
    created_at    timestamptz not null,
    unique (kind, ref_id, user_id)
);
create index wallet_entry_by_user on wallet_entry (user_id, id desc);

-- Idempotency-Key: the first answer to a key, replayed for every retry.
create table idempotent_request (
    user_id     varchar(64)  not null,
    idem_key    varchar(100) not null,
    operation   varchar(100) not null,
    status      int,
    body        text,
    created_at  timestamptz  not null,
    primary key (user_id, idem_key)
);
