-- API keys: only a SHA-256 of each key is kept (the key itself is shown once, when an admin creates it). A key is
-- 32 random bytes, so a plain fast hash is enough: there is nothing to guess that a slow password hash would protect.
create table api_keys (
    key_id      text   primary key,      -- public handle (shown in lists, logs and metrics; not a secret)
    name        text   not null,
    role        text   not null check (role in ('viewer', 'trader', 'admin')),
    key_hash    text   not null unique,  -- hex SHA-256 of the key
    created_by  text   not null,
    created_at  bigint not null,         -- epoch ms
    revoked_at  bigint                   -- epoch ms; a revoked key authenticates nobody
);
