-- Which agents a pai has switched on, and their settings (a JSON object).
create table pai_agent (
    pai_id      varchar(36)   not null,
    agent_id    varchar(32)   not null,
    enabled     boolean       not null,
    settings    varchar(4000) not null default '{}',
    updated_by  varchar(64)   not null,
    updated_at  timestamptz   not null,
    primary key (pai_id, agent_id)
);
