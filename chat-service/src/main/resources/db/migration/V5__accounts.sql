-- Accounts: people who signed up with a name and a password (docs/contract.md, accounts).
-- name_key is the name in lower case, so that names are unique whatever their case; names are ASCII,
-- so lower() here and in Java agree.
create table account (
    id               varchar(36)   primary key,
    name             varchar(32)   not null,
    name_key         varchar(32)   not null unique,
    display_name     varchar(40)   not null,
    avatar_media_id  varchar(36)   references media (id),
    -- Argon2id in the PHC string format: $argon2id$v=19$m=...,t=...,p=...$<salt>$<hash>
    password_hash    varchar(200)  not null,
    -- Set only by the operator command (./pai operator <name>), never by the API.
    operator         boolean       not null default false,
    created_at       timestamptz   not null,
    check (name_key = lower(name))
);

-- Refresh tokens, stored only as the SHA-256 of the token. Each sign-in starts a family; a refresh spends
-- its token and adds the next one to the family. A spent token presented again revokes the whole family.
create table refresh_token (
    token_hash  varchar(64)  primary key,
    account_id  varchar(36)  not null references account (id),
    family_id   varchar(36)  not null,
    expires_at  timestamptz  not null,
    spent_at    timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz  not null
);
create index refresh_token_by_family on refresh_token (family_id);
create index refresh_token_by_expiry on refresh_token (expires_at);
