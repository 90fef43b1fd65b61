-- Binance venue: each client order id claimed before its placement is sent (BinanceOrders, PlacementClaims). A step
-- run again after a crash finds its ids here and looks the orders up on Binance instead of sending them twice.
create table placement_claims (
    client_order_id text primary key,
    claimed_at      timestamptz not null default now()
);
