-- Extra grab chances earned by sharing: the durable record, one row per reward event.
create table bonus_grant (
    reward_id    varchar(64) primary key,
    campaign_id  varchar(36) not null,
    user_id      varchar(64) not null,
    grabs        int         not null check (grabs > 0),
    granted_at   timestamptz not null
);
create index bonus_grant_by_campaign_user on bonus_grant (campaign_id, user_id);
