-- share-service's own rows (docs/architecture.md, share-service). Counts in the stats and the funnel
-- are computed from these rows, so they hold under any concurrency that the unique keys hold.

-- One link per (sharer, target, channel); the code is the link's public name.
create table share_link (
    code         varchar(16)  primary key,
    sharer_id    varchar(64)  not null,
    target_type  varchar(10)  not null,
    target_id    varchar(64)  not null,
    channel      varchar(10)  not null,
    -- the campaign whose rules apply: set for CAMPAIGN and DROP targets, chosen at accept time otherwise
    campaign_id  varchar(36),
    created_at   timestamptz  not null,
    unique (sharer_id, target_type, target_id, channel)
);
create index share_link_by_sharer on share_link (sharer_id, created_at desc, code);
create index share_link_by_campaign on share_link (campaign_id);

-- A click counts once per visitor and day (in the campaign's timezone). visitor_key is a random id from
-- our cookie or a keyed hash of address and user agent; never the raw address.
create table share_click (
    code         varchar(16)  not null references share_link (code),
    visitor_key  varchar(64)  not null,
    day          date         not null,
    campaign_id  varchar(36),
    clicked_at   timestamptz  not null,
    primary key (code, visitor_key, day)
);
create index share_click_by_campaign on share_click (campaign_id);

-- Every accept a signed-in visitor made, with what came of it: REWARDED or REFUSED and its reason.
create table share_accept (
    id           varchar(36)  primary key,
    code         varchar(16)  not null references share_link (code),
    sharer_id    varchar(64)  not null,
    visitor_id   varchar(64)  not null,
    campaign_id  varchar(36),
    address_key  varchar(64)  not null,
    outcome      varchar(10)  not null,
    reason       varchar(24),
    accepted_at  timestamptz  not null
);
create index share_accept_by_code on share_accept (code, visitor_id);
create index share_accept_by_campaign on share_accept (campaign_id, reason);

-- A reward: at most one per (campaign, sharer, visitor), whatever the number of codes or attempts.
create table share_reward (
    reward_id    varchar(36)  primary key,
    campaign_id  varchar(36)  not null,
    sharer_id    varchar(64)  not null,
    visitor_id   varchar(64)  not null,
    code         varchar(16)  not null references share_link (code),
    bonus_grabs  integer      not null,
    day          date         not null,
    granted_at   timestamptz  not null,
    unique (campaign_id, sharer_id, visitor_id)
);
create index share_reward_by_code on share_reward (code);

-- Rewards per sharer and campaign day: the daily cap is one conditional update of this row.
create table sharer_day (
    campaign_id  varchar(36)  not null,
    sharer_id    varchar(64)  not null,
    day          date         not null,
    rewards      integer      not null,
    primary key (campaign_id, sharer_id, day)
);

-- The copies share-service keeps from redpacket-service's and chat-service's events.
create table campaign_rules (
    campaign_id               varchar(36)  primary key,
    name                      varchar(100) not null,
    status                    varchar(10)  not null,
    starts_at                 timestamptz  not null,
    ends_at                   timestamptz  not null,
    timezone                  varchar(64)  not null,
    share_bonus_grabs         integer      not null,
    max_bonus_grabs_per_user  integer      not null,
    daily_share_reward_cap    integer,
    changed_at                timestamptz  not null
);

-- Drops and group lucky packets, as their lifecycle events last said.
create table known_pool (
    pool_id       varchar(36)  primary key,
    kind          varchar(12)  not null,
    campaign_id   varchar(36),
    pai_id        varchar(36),
    sender_id     varchar(64),
    amount_cents  bigint       not null,
    packet_count  integer      not null,
    greeting      varchar(100),
    stage         varchar(10)  not null,
    updated_at    timestamptz  not null
);

create table pai_member (
    pai_id      varchar(36) not null,
    user_id     varchar(64) not null,
    role        varchar(10) not null,
    updated_at  timestamptz not null,
    primary key (pai_id, user_id)
);

-- The key of the visitor hashes, made once per deployment and shared by every instance.
create table visitor_secret (
    id          smallint     primary key,
    secret      bytea        not null
);
