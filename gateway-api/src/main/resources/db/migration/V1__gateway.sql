-- gateway-api: the bots users define. bots.v1 carries the same definitions to every service; this table is where
-- the gateway keeps them (and their version, for optimistic locking) between starts.
create table bots (
    bot_id      text   primary key,
    version     bigint not null,          -- one more per change; a PUT naming an older one is refused (409)
    definition  bytea  not null,          -- the BotDefinition as published on bots.v1 (EventCodec JSON)
    status      text   not null,          -- RUNNING | STOPPED
    created_at  bigint not null,          -- epoch ms
    updated_at  bigint not null
);
