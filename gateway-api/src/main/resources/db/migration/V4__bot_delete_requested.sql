-- A bot asked to be deleted while it held a position: stopped with closePosition, and deleted (tombstone) by
-- PendingDeletes once position-service shows it flat.
alter table bots add column delete_requested boolean not null default false;
