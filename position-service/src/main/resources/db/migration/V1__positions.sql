-- position-service: positions, the fills (trades) they came from, the events published for them, per-bot statistics
-- and equity points. Decimals are numeric without a scale, so every value keeps exactly the scale it was computed with.

-- One row per position: open while quantity > 0, then closed for good.
create table positions (
    position_id      text primary key,          -- pos-{venue}-{SYMBOL}-{tradeId of the opening fill}
    bot_id           text    not null,
    symbol           text    not null,
    venue            text    not null,          -- PAPER | TESTNET | LIVE
    contract         text    not null,          -- LINEAR (USD-M) | INVERSE (COIN-M)
    contract_size    numeric not null,          -- USD per contract for INVERSE, 1 for LINEAR
    margin_asset     text    not null,          -- what PnL and fees are counted in
    direction        text    not null,          -- LONG | SHORT
    status           text    not null,          -- OPEN | CLOSED
    sequence         bigint  not null,          -- of its latest PositionChanged
    quantity         numeric not null,          -- open quantity (0 once closed)
    entry_price      numeric not null,
    entry_value      numeric not null,          -- running sum the average entry is divided from
    closed_quantity  numeric not null,
    exit_price       numeric,
    exit_value       numeric not null,          -- running sum the average exit is divided from
    realized_pnl     numeric not null,          -- before fees
    fees             numeric not null,          -- fees charged in the margin asset
    converted_fees   numeric not null,          -- other-asset fees converted at fill time
    net_realized_pnl numeric not null,          -- realized_pnl - fees - converted_fees
    initial_stop     numeric,                   -- the opening signal's stop-loss trigger
    r_multiple       numeric,                   -- net PnL / risk at the initial stop, once closed
    close_reason     text,                      -- STOP_LOSS | TAKE_PROFIT | SIGNAL_EXIT | REVERSAL | MANUAL | LIQUIDATION
    signal_id        text,
    opened_at        bigint  not null,          -- epoch ms
    closed_at        bigint,
    updated_at       bigint  not null,
    constraint positions_status check (status in ('OPEN', 'CLOSED'))
);
-- A bot holds at most one position per symbol and venue (one-way mode).
create unique index positions_one_open on positions (bot_id, symbol, venue) where status = 'OPEN';
create index positions_by_bot on positions (bot_id, status, opened_at);
create index positions_by_symbol on positions (symbol, status, opened_at);
create index positions_closed on positions (closed_at) where status = 'CLOSED';

-- Fees by asset as charged (a BNB fee stays BNB), and the part of them no price was known for.
create table position_fees (
    position_id text    not null references positions (position_id) deferrable initially deferred,
    asset       text    not null,
    amount      numeric not null,
    primary key (position_id, asset)
);
create table position_unconverted_fees (
    position_id text    not null references positions (position_id) deferrable initially deferred,
    asset       text    not null,
    amount      numeric not null,
    primary key (position_id, asset)
);

-- One row per fill; its primary key makes a redelivered fill a no-op.
create table trades (
    venue             text    not null,
    client_order_id   text    not null,
    trade_id          text    not null,         -- the venue's trade id (or the order event's id when it has none)
    position_id       text    not null references positions (position_id) deferrable initially deferred,
    next_position_id  text references positions (position_id) deferrable initially deferred, -- set when the fill closed one position and opened the next
    bot_id            text    not null,
    symbol            text    not null,
    signal_id         text,
    order_role        text    not null,
    side              text    not null,
    quantity          numeric not null,
    price             numeric not null,
    fee               numeric not null,
    fee_asset         text    not null,
    fee_price         numeric,                  -- fee asset's price in the margin asset at fill time, when known
    realized_pnl      numeric,                  -- computed from the fill and the average entry; null when it only opened
    traded_at         bigint  not null,         -- epoch ms
    order_event_id    text    not null,
    recorded_at       bigint  not null,
    primary key (venue, client_order_id, trade_id)
);
create index trades_by_bot on trades (bot_id, traded_at);
create index trades_by_symbol on trades (symbol, traded_at);

-- Every PositionChanged, as published (the same bytes if it has to be published again after a crash).
create table position_events (
    event_id        text   primary key,
    position_id     text   not null references positions (position_id) deferrable initially deferred,
    sequence        bigint not null,
    ordinal         int    not null,            -- its place among the events of its fill (a split fill has two)
    venue           text   not null,
    client_order_id text   not null,
    trade_id        text   not null,
    record_key      text   not null,
    payload         bytea  not null,
    foreign key (venue, client_order_id, trade_id) references trades (venue, client_order_id, trade_id)
        deferrable initially deferred
);
create index position_events_by_trade on position_events (venue, client_order_id, trade_id);

-- Per bot and margin asset, over its closed positions (Statistics in trading-core).
create table bot_statistics (
    bot_id        text    not null,
    margin_asset  text    not null,
    positions     bigint  not null,
    wins          bigint  not null,
    losses        bigint  not null,
    gross_profit  numeric not null,
    gross_loss    numeric not null,
    net_pnl       numeric not null,
    fees          numeric not null,
    peak          numeric not null,
    max_drawdown  numeric not null,
    r_total       numeric not null,
    r_count       bigint  not null,
    updated_at    bigint  not null,
    primary key (bot_id, margin_asset)
);

-- One point per closed position: the bot's equity curve (cumulative net realized PnL).
create table equity_points (
    position_id  text    primary key references positions (position_id) deferrable initially deferred,
    bot_id       text    not null,
    margin_asset text    not null,
    closed_at    bigint  not null,
    net_pnl      numeric not null,          -- the position's net realized PnL
    fees         numeric not null,          -- the position's fees known in the margin asset
    r_multiple   numeric,
    equity       numeric not null,          -- the bot's cumulative net realized PnL after it
    drawdown     numeric not null
);
create index equity_points_closed on equity_points (margin_asset, closed_at);
create index equity_points_by_bot on equity_points (bot_id, margin_asset, closed_at);
