package io.tradeflow.execution.rest;

import io.tradeflow.execution.persistence.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The orders query over {@code order_intents} joined with {@code orders} (schema {@code execution},
 * {@code V1__execution.sql}), newest latest state first ({@code orders.event_time}, then the client order id byte
 * by byte, collation C, so that pages neither overlap nor skip while nothing changes). Plain JDBC like
 * {@code ExecutionStore}; every value is a bound parameter.
 */
public final class OrderQuery {
    /** The filters; null ones are left out. {@code from}/{@code to} bound {@code event_time}, inclusive, epoch ms. */
    public record Filter(String botId, String symbol, String status, Long from, Long to) {
    }

    /** A page: {@code total} orders match the filters, {@code items} are those from {@code offset} on. */
    public record Page(int limit, long offset, long total, List<OrderView> items) {
    }

    private static final String COLUMNS = "i.client_order_id, i.bot_id, i.signal_id, i.symbol, i.venue, i.role,"
            + " i.side, i.type, i.quantity, i.trigger_price, i.reduce_only, o.status, o.filled_quantity,"
            + " o.average_price, o.deny_reason, o.reject_reason, o.event_time, i.created_at, o.updated_at";
    private static final String TABLES = " from order_intents i join orders o on o.client_order_id = i.client_order_id";

    private final DataSource dataSource;

    OrderQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Page find(Filter filter, int limit, long offset) {
        List<String> clauses = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        where(clauses, values, "i.bot_id = ?", filter.botId());
        where(clauses, values, "i.symbol = ?", filter.symbol());
        where(clauses, values, "o.status = ?", filter.status());
        where(clauses, values, "o.event_time >= ?", filter.from());
        where(clauses, values, "o.event_time <= ?", filter.to());
        String where = clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = prepare(connection, "select count(*)" + TABLES + where, values)) {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Object> paged = new ArrayList<>(values);
            paged.add(limit);
            paged.add(offset);
            List<OrderView> items = new ArrayList<>();
            try (PreparedStatement select = prepare(connection, "select " + COLUMNS + TABLES + where
                    + " order by o.event_time desc, i.client_order_id collate \"C\" desc limit ? offset ?", paged);
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    items.add(view(rs));
                }
            }
            return new Page(limit, offset, total, items);
        } catch (SQLException e) {
            throw new StoreException("Reading orders from PostgreSQL failed", e);
        }
    }

    private static void where(List<String> clauses, List<Object> values, String clause, Object value) {
        if (value != null) {
            clauses.add(clause);
            values.add(value);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> values)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }

    private static OrderView view(ResultSet rs) throws SQLException {
        return new OrderView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), OrderView.plain(rs.getBigDecimal(9)),
                OrderView.plain(rs.getBigDecimal(10)), rs.getBoolean(11), rs.getString(12),
                OrderView.plain(rs.getBigDecimal(13)), OrderView.plain(rs.getBigDecimal(14)), rs.getString(15),
                rs.getString(16), rs.getLong(17), rs.getTimestamp(18).getTime(), rs.getTimestamp(19).getTime());
    }
}
