-- Every turn an agent took in a pai: the orchestrator's counters (cooldown, the per-minute ceiling, the
-- summarizer's backlog) are read from it, and it says who spoke about which message and why.
create table agent_turn (
    pai_id       varchar(36)      not null,
    trigger_seq  bigint           not null,
    agent_id     varchar(32)      not null,
    reason       varchar(20)      not null,
    score        double precision not null,
    prompted     boolean          not null,
    said_at      timestamptz      not null,
    primary key (pai_id, trigger_seq, agent_id)
);
create index agent_turn_by_time on agent_turn (pai_id, said_at);
create index agent_turn_by_agent on agent_turn (pai_id, agent_id, trigger_seq);

-- The plan a pai is making; the planner updates the same plan while the talk changes it.
create table pai_plan (
    id          varchar(36)  not null primary key,
    pai_id      varchar(36)  not null,
    version     integer      not null,
    plan_date   date,
    plan_time   time,
    place       varchar(200),
    items       varchar(4000) not null default '[]',
    from_seq    bigint       not null,
    to_seq      bigint       not null,
    updated_at  timestamptz  not null
);
create index pai_plan_latest on pai_plan (pai_id, updated_at desc);

-- The summarizer's daily digest, once per pai and local day.
create table summary_digest (
    pai_id   varchar(36) not null,
    day      date        not null,
    sent_at  timestamptz not null,
    primary key (pai_id, day)
);
