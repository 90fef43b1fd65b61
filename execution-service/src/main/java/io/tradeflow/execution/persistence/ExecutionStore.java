package io.tradeflow.execution.persistence;

import io.tradeflow.core.domain.CloseReason;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.domain.Venue;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.execution.Halt;
import io.tradeflow.core.execution.PaperAccount;
import io.tradeflow.core.execution.PlaceOrder;
import io.tradeflow.core.order.DenyReason;
import io.tradeflow.execution.binance.VenueOrder;
import io.tradeflow.execution.domain.SeriesMerge;
import io.tradeflow.execution.domain.StepResult;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL, schema {@code execution} (Flyway {@code db/migration}): execution-service's source of truth. One
 * {@link #commit} per step writes, in one transaction, the intents and order states, the order events into the
 * outbox, every signal's outcome, the changed paper accounts, new halts and the series' progress; so a crash leaves
 * either all of a step or none of it. Plain JDBC: a handful of fixed statements, no entity lifecycle to manage.
 */
public final class ExecutionStore {
    private final DataSource dataSource;
    private final PaperAccountRows accounts = new PaperAccountRows();

    public ExecutionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Everything the service needs in memory at start.
     *
     * @param resumed bots resumed whose next entry has not restarted their loss limits yet
     * @param closes  clientOrderIds of the closes placed for bots stopped with closePosition: each version closes once
     */
    public record Loaded(List<PaperAccount> accounts, List<Halt> halts, List<String> resumed,
                         Map<SeriesMerge.Series, Long> progress, List<String> closes) {
    }

    /** An order event stored but not yet acknowledged by Kafka. */
    public record OutboxRow(long seq, String eventId, String topic, String key, byte[] payload) {
    }

    public Loaded load() {
        try (Connection connection = dataSource.getConnection()) {
            return new Loaded(accounts.load(connection), halts(connection, false), resumed(connection),
                    progress(connection), closes(connection));
        } catch (SQLException e) {
            throw new StoreException("Reading the execution state from PostgreSQL failed", e);
        }
    }

    /**
     * Stores the step, unless its series' progress already covers it: then an earlier attempt was committed (its
     * answer lost) or another instance took the series over, and nothing is written twice. Returns whether it
     * wrote.
     */
    public boolean commit(StepResult result) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (lockProgress(connection, result.step().series()) >= result.step().openTime()) {
                    connection.rollback();
                    return false;
                }
                for (OrderUpdated order : result.orders()) {
                    intent(connection, order);
                    order(connection, order);
                    outbox(connection, order);
                }
                for (StepResult.SignalOutcome outcome : result.signals()) {
                    signal(connection, outcome);
                }
                for (PaperAccount account : result.accounts()) {
                    accounts.save(connection, account);
                }
                for (Halt halt : result.halts()) {
                    halt(connection, halt);
                }
                for (String botId : result.appliedResumes()) {
                    execute(connection, "delete from bot_halts where bot_id = ? and resumed", botId);
                }
                progress(connection, result.step().series(), result.step().openTime());
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Storing step " + result.step().series() + " " + result.step().openTime() + " failed", e);
        }
    }

    /**
     * Stores order events a venue reported outside a step (a bracket filled or canceled at Binance, a late fill), in
     * one transaction with their outbox rows; an event stored before (same id) is not written twice.
     */
    public void storeVenueEvents(List<OrderUpdated> events) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (OrderUpdated order : events) {
                    intent(connection, order);
                    order(connection, order);
                    outbox(connection, order);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Storing " + events.size() + " venue event(s) failed", e);
        }
    }

    /**
     * The orders of a Binance venue not ended yet (NEW or PARTIALLY_FILLED), and those claimed before their placement
     * whose step was never stored (no state yet: they may be on Binance), oldest first, for a restart.
     */
    public List<VenueOrder> openVenueOrders(Venue venue) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select i.client_order_id, i.signal_id, i.bot_id, i.symbol, i.role, i.side, i.type, i.quantity,
                         i.trigger_price, i.reduce_only, o.status, o.filled_quantity, o.average_price, o.event_time,
                         i.close_reason, o.exchange_order_id
                     from order_intents i left join orders o using (client_order_id)
                     where i.venue = ? and (o.status is null or o.status in ('NEW', 'PARTIALLY_FILLED'))
                     order by i.created_at, i.client_order_id""")) {
            select.setString(1, venue.name());
            List<VenueOrder> open = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    open.add(new VenueOrder(rs.getString(1), rs.getString(2), rs.getString(3), Symbol.of(rs.getString(4)),
                            OrderRole.valueOf(rs.getString(5)), Side.valueOf(rs.getString(6)),
                            OrderType.valueOf(rs.getString(7)), rs.getBigDecimal(8), rs.getBigDecimal(9),
                            rs.getBoolean(10), rs.getString(11) == null ? OrderStatus.NEW
                            : OrderStatus.valueOf(rs.getString(11)), rs.getBigDecimal(12) == null ? BigDecimal.ZERO
                            : rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getLong(14),
                            rs.getString(15) == null ? null : CloseReason.valueOf(rs.getString(15)), rs.getString(16)));
                }
            }
            return open;
        } catch (SQLException e) {
            throw new StoreException("Reading the open " + venue + " orders failed", e);
        }
    }

    /**
     * Claims an order before its placement is sent, by storing its intent (committed at once): false when it was
     * stored before (the order may be on Binance). A restart finds it among {@link #openVenueOrders} even when the
     * step that placed it was never stored.
     */
    public boolean claimPlacement(PlaceOrder order) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into order_intents (client_order_id, signal_id, bot_id, symbol, venue, role, side, type,
                         quantity, trigger_price, reduce_only, close_reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                     on conflict (client_order_id) do nothing""")) {
            insert.setString(1, order.clientOrderId());
            insert.setString(2, order.signalId());
            insert.setString(3, order.bot().botId());
            insert.setString(4, order.bot().symbol().value());
            insert.setString(5, order.bot().venue().name());
            insert.setString(6, order.role().name());
            insert.setString(7, order.side().name());
            insert.setString(8, order.type().name());
            insert.setBigDecimal(9, order.quantity());
            insert.setBigDecimal(10, order.triggerPrice());
            insert.setBoolean(11, order.reduceOnly());
            insert.setString(12, order.closeReason() == null ? null : order.closeReason().name());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("Claiming placement " + order.clientOrderId() + " failed", e);
        }
    }

    /** Stored events Kafka has not acknowledged yet, oldest first. */
    public List<OutboxRow> outbox(int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select seq, event_id, topic, record_key, payload from outbox order by seq limit ?")) {
            select.setInt(1, limit);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("Reading the outbox failed", e);
        }
    }

    /** Forgets outbox rows Kafka acknowledged. */
    public void published(List<OutboxRow> rows) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from outbox where seq = any(?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", rows.stream().map(OutboxRow::seq).toArray()));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Deleting published outbox rows failed", e);
        }
    }

    /**
     * Marks a halt resumed: entries run again, and the bot's next entry restarts its loss limits (and deletes the
     * row in its own transaction). False when the bot was not halted.
     */
    public boolean resume(String botId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update bot_halts set resumed = true where bot_id = ? and not resumed")) {
            update.setString(1, botId);
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("Resuming bot " + botId + " failed", e);
        }
    }

    private static void intent(Connection connection, OrderUpdated order) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into order_intents (client_order_id, signal_id, bot_id, symbol, venue, role, side, type, quantity,
                    trigger_price, reduce_only, close_reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (client_order_id) do nothing""")) {
            insert.setString(1, order.clientOrderId());
            insert.setString(2, order.signalId());
            insert.setString(3, order.botId());
            insert.setString(4, order.symbol().value());
            insert.setString(5, order.venue().name());
            insert.setString(6, order.role().name());
            insert.setString(7, order.side().name());
            insert.setString(8, order.type().name());
            insert.setBigDecimal(9, order.quantity());
            insert.setBigDecimal(10, order.triggerPrice());
            insert.setBoolean(11, order.reduceOnly());
            insert.setString(12, order.closeReason() == null ? null : order.closeReason().name());
            insert.executeUpdate();
        }
    }

    private static void order(Connection connection, OrderUpdated order) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into orders (client_order_id, status, filled_quantity, average_price, deny_reason, reject_reason,
                    event_time, exchange_order_id) values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (client_order_id) do update set status = excluded.status,
                    exchange_order_id = coalesce(excluded.exchange_order_id, orders.exchange_order_id),
                    filled_quantity = excluded.filled_quantity, average_price = excluded.average_price,
                    deny_reason = excluded.deny_reason, reject_reason = excluded.reject_reason,
                    event_time = excluded.event_time, updated_at = now()
                -- A venue's events may be stored out of order (a bracket's fill heard before its step is stored):
                -- an order's state never goes back.
                where orders.status not in ('FILLED', 'CANCELED', 'REJECTED', 'EXPIRED', 'DENIED')
                    and orders.filled_quantity <= excluded.filled_quantity""")) {
            upsert.setString(1, order.clientOrderId());
            upsert.setString(2, order.status().name());
            upsert.setBigDecimal(3, order.filledQuantity());
            upsert.setBigDecimal(4, order.averagePrice());
            upsert.setString(5, order.denyReason());
            upsert.setString(6, order.rejectReason());
            upsert.setLong(7, order.eventTime());
            upsert.setString(8, order.exchangeOrderId());
            upsert.executeUpdate();
        }
    }

    private static void outbox(Connection connection, OrderUpdated order) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into outbox (event_id, topic, record_key, payload) values (?, ?, ?, ?)
                on conflict (event_id) do nothing""")) {
            insert.setString(1, order.eventId());
            insert.setString(2, Topics.ORDERS);
            insert.setString(3, order.key());
            insert.setBytes(4, EventCodec.encode(order));
            insert.executeUpdate();
        }
    }

    private static void signal(Connection connection, StepResult.SignalOutcome outcome) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into signals (signal_id, bot_id, action, outcome, detail, received_at) values (?, ?, ?, ?, ?, ?)
                on conflict (signal_id) do nothing""")) {
            insert.setString(1, outcome.signal().signalId());
            insert.setString(2, outcome.signal().botId());
            insert.setString(3, outcome.signal().action().name());
            insert.setString(4, outcome.outcome().name());
            insert.setString(5, outcome.detail());
            insert.setLong(6, outcome.receivedAt());
            insert.executeUpdate();
        }
    }

    private static void halt(Connection connection, Halt halt) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into bot_halts (bot_id, reason, detail, halted_at) values (?, ?, ?, ?)
                on conflict (bot_id) do update set reason = excluded.reason, detail = excluded.detail,
                    halted_at = excluded.halted_at, resumed = false""")) {
            upsert.setString(1, halt.botId());
            upsert.setString(2, halt.reason().code());
            upsert.setString(3, halt.detail());
            upsert.setLong(4, halt.at());
            upsert.executeUpdate();
        }
    }

    private static void progress(Connection connection, SeriesMerge.Series series, long openTime) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into series_progress (symbol, kline_interval, processed_through) values (?, ?, ?)
                on conflict (symbol, kline_interval) do update
                    set processed_through = greatest(series_progress.processed_through, excluded.processed_through)""")) {
            upsert.setString(1, series.symbol().value());
            upsert.setString(2, series.interval().code());
            upsert.setLong(3, openTime);
            upsert.executeUpdate();
        }
    }

    /** Locks the series' progress row (made first when missing) and returns where it stands. */
    private static long lockProgress(Connection connection, SeriesMerge.Series series) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into series_progress (symbol, kline_interval, processed_through) values (?, ?, 0)
                on conflict (symbol, kline_interval) do nothing""")) {
            insert.setString(1, series.symbol().value());
            insert.setString(2, series.interval().code());
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement("""
                select processed_through from series_progress where symbol = ? and kline_interval = ? for update""")) {
            select.setString(1, series.symbol().value());
            select.setString(2, series.interval().code());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, value);
            statement.executeUpdate();
        }
    }

    private static List<String> resumed(Connection connection) throws SQLException {
        List<String> resumed = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select bot_id from bot_halts where resumed");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                resumed.add(rs.getString(1));
            }
        }
        return resumed;
    }

    /** The manual closes: the only EXIT intents no signal caused (ClientOrderIds.ofClose), placed or denied. */
    private static List<String> closes(Connection connection) throws SQLException {
        List<String> closes = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select client_order_id from order_intents where role = 'EXIT' and signal_id is null");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                closes.add(rs.getString(1));
            }
        }
        return closes;
    }

    private static List<Halt> halts(Connection connection, boolean resumed) throws SQLException {
        List<Halt> halts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select bot_id, reason, detail, halted_at from bot_halts where resumed = " + resumed);
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                halts.add(new Halt(rs.getString(1), DenyReason.ofCode(rs.getString(2)),
                        rs.getString(3), rs.getLong(4)));
            }
        }
        return halts;
    }

    private static Map<SeriesMerge.Series, Long> progress(Connection connection) throws SQLException {
        Map<SeriesMerge.Series, Long> progress = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select symbol, kline_interval, processed_through from series_progress");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                progress.put(new SeriesMerge.Series(new Symbol(rs.getString(1)),
                        Interval.fromCode(rs.getString(2))), rs.getLong(3));
            }
        }
        return progress;
    }
}
