-- The supervisor's goals, their check-ins and the reminders already sent.
-- Streaks and streak freezes are not stored: Streaks derives both from the check-ins, so no
-- counter can drift from the rows it would summarise.
create table goal (
    id          varchar(36)  primary key,
    pai_id      varchar(36)  not null,
    kind        varchar(10)  not null,
    title       varchar(100) not null,
    -- a hashtag such as #跑步 that names the goal in chat
    tag         varchar(32)  not null,
    cadence     varchar(10)  not null,
    -- local to timezone; null: no reminders
    remind_at   time,
    timezone    varchar(64)  not null,
    -- DAILY only: weekdays (MONDAY..SUNDAY, comma-separated) that a missed check-in does not break
    rest_days   varchar(100) not null default '',
    created_by  varchar(64)  not null,
    created_at  timestamptz  not null
);
create index goal_of_pai on goal (pai_id, created_at desc, id desc);

-- One check-in per member and period: the local date for DAILY, the ISO week's Monday for WEEKLY.
-- The unique key makes a second check-in in a period impossible to store, even concurrently.
create table goal_checkin (
    id           varchar(36)  primary key,
    goal_id      varchar(36)  not null references goal (id),
    user_id      varchar(64)  not null,
    period       date         not null,
    note         varchar(500),
    media_id     varchar(64),
    source       varchar(4)   not null,
    -- the chat message that checked in (source CHAT)
    message_seq  bigint,
    created_at   timestamptz  not null,
    unique (goal_id, user_id, period)
);

-- A reminder is sent once per goal and period, whichever instance gets there first.
create table goal_reminder (
    goal_id  varchar(36)  not null references goal (id),
    period   date         not null,
    sent_at  timestamptz  not null,
    primary key (goal_id, period)
);
create index goal_reminder_by_period on goal_reminder (period);
