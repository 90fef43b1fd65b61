-- The outbox of bots.v1: each change of a bot writes its record here in the same transaction as the bots row, and
-- BotOutbox publishes and deletes it afterwards, so a crash between the commit and the publish delays the record
-- instead of losing it. payload null = a tombstone (the bot was deleted).
create table bot_outbox (
    seq         bigserial primary key,   -- publishing order
    bot_id      text   not null,
    payload     bytea,
    created_at  bigint not null          -- epoch ms
);

-- Who owns a bot's definition: 'api' (REST) or 'file' (the bots file; edits over the REST are refused for it).
alter table bots add column managed_by text not null default 'api' check (managed_by in ('api', 'file'));
-- For a file's bot: a hash of its entry as last applied. The entry is applied again only when it changes, so a bot
-- stopped over the REST stays stopped until its line in the file changes (e.g. running: false -> true).
alter table bots add column file_hash text;
