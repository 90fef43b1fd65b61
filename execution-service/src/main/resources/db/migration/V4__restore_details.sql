-- What a restarted Binance venue needs to give a taken-up order's events the same fields as before the restart:
-- the exit's reason (known when the order is placed) and Binance's id of the order (known from its answer).
alter table order_intents add column close_reason text;
alter table orders add column exchange_order_id text;
