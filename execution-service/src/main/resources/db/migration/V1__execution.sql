-- execution-service's schema. Money and quantities are numeric (exact), times epoch ms (bigint) like the events.

-- What we decided to send, written before the venue sees it. The clientOrderId is derived from the signal id and
-- the role (io.tradeflow.core.execution.ClientOrderIds), so a redelivered signal finds its intent here.
create table order_intents (
    client_order_id text primary key,
    signal_id       text,
    bot_id          text    not null,
    symbol          text    not null,
    venue           text    not null,
    role            text    not null,
    side            text    not null,
    type            text    not null,
    quantity        numeric not null,
    trigger_price   numeric,
    reduce_only     boolean not null,
    created_at      timestamptz not null default now()
);
create index order_intents_bot on order_intents (bot_id, created_at);

-- The order as the venue last reported it (the latest OrderUpdated).
create table orders (
    client_order_id text primary key references order_intents,
    status          text    not null,
    filled_quantity numeric not null,
    average_price   numeric,
    deny_reason     text,
    reject_reason   text,
    event_time      bigint  not null,
    updated_at      timestamptz not null default now()
);

-- Every signal processed and what came of it (also those that placed nothing, e.g. an exit with nothing held).
create table signals (
    signal_id   text primary key,
    bot_id      text   not null,
    action      text   not null,
    outcome     text   not null,
    detail      text   not null,
    received_at bigint not null,
    processed_at timestamptz not null default now()
);

-- How far each (symbol, interval) was processed: a step at or before it is never applied again.
create table series_progress (
    symbol            text   not null,
    kline_interval    text   not null,
    processed_through bigint not null,
    primary key (symbol, kline_interval)
);

-- Paper venue: one wallet per bot, its open position and its resting stop-loss / take-profit.
create table paper_wallets (
    bot_id            text    primary key,
    symbol            text    not null,
    kline_interval    text    not null,
    asset             text    not null,
    balance           numeric not null,
    reserved_margin   numeric not null,
    peak_balance      numeric not null,
    day               bigint  not null,
    day_start_balance numeric not null,
    fills             bigint  not null,
    updated_at        timestamptz not null default now()
);

create table paper_positions (
    bot_id          text    primary key references paper_wallets on delete cascade,
    symbol          text    not null,
    contract        text    not null,
    contract_size   numeric not null,
    margin_asset    text    not null,
    direction       text    not null,
    quantity        numeric not null,
    entry_price     numeric not null,
    realized_pnl    numeric not null,
    fees            text    not null,
    closed_quantity numeric not null,
    exit_price      numeric,
    opened_at       bigint  not null,
    -- running totals of the fills (Position.entryValue/exitValue), so averages reload exactly
    entry_value     numeric not null,
    exit_value      numeric not null
);

create table paper_working_orders (
    client_order_id text    primary key,
    bot_id          text    not null references paper_wallets on delete cascade,
    signal_id       text,
    role            text    not null,
    side            text    not null,
    type            text    not null,
    quantity        numeric not null,
    trigger_price   numeric not null,
    active_after    bigint  not null
);

-- Kill switch: a halted bot's entries are denied until it is resumed (POST /api/v1/bots/{botId}/resume). A resumed
-- row stays until the bot's next entry has restarted its loss limits (in that entry's transaction), so a restart
-- in between keeps the resume.
create table bot_halts (
    bot_id    text    primary key,
    reason    text    not null,
    detail    text    not null,
    halted_at bigint  not null,
    resumed   boolean not null default false
);

-- Transactional outbox: order events written with the state that caused them, published to orders.v1 afterwards
-- and deleted once Kafka acknowledged them.
create table outbox (
    seq         bigserial primary key,
    event_id    text  not null unique,
    topic       text  not null,
    record_key  text  not null,
    payload     bytea not null
);
