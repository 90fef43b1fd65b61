package io.tradeflow.pipeline;

import io.tradeflow.core.position.Statistics;
import io.tradeflow.devstack.Endpoints;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * position-service's tables (schema {@code position}, its Flyway migration V1__positions.sql) read over JDBC on the
 * devstack's PostgreSQL: what the service committed, independent of its REST API.
 */
final class PositionTables implements AutoCloseable {
    private final Connection connection;

    /** A closed position's row: its amounts in the margin asset, R multiple (or null) and close time (epoch ms). */
    record ClosedRow(String positionId, BigDecimal realizedPnl, BigDecimal fees, BigDecimal convertedFees,
            BigDecimal netRealizedPnl, BigDecimal rMultiple, long closedAt) {
        /** As {@link PaperFills.Closed#described}, with the row's own net realized PnL. */
        String described() {
            return PaperFills.Closed.described(realizedPnl, fees, netRealizedPnl);
        }
    }

    PositionTables(Endpoints endpoints) {
        try {
            connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(), endpoints.password());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + endpoints.jdbcUrl(), e);
        }
    }

    /** Rows in {@code trades} of the bot. */
    int trades(String botId) {
        return query("select count(*) from position.trades where bot_id = ?", rs -> rs.getInt(1), botId).getFirst();
    }

    /** The bot's trades rows, {@code venue|clientOrderId|tradeId} to their realized PnL (null when they only opened), in fill order. */
    Map<String, BigDecimal> tradeRealizedPnl(String botId) {
        Map<String, BigDecimal> trades = new LinkedHashMap<>();
        query("select venue, client_order_id, trade_id, realized_pnl from position.trades where bot_id = ?"
                        + " order by traded_at, client_order_id, trade_id",
                rs -> new SimpleEntry<>(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3),
                        rs.getBigDecimal(4)), botId)
                .forEach(trade -> trades.put(trade.getKey(), trade.getValue()));
        return trades;
    }

    /** The bot's closed positions in the order they closed. */
    List<ClosedRow> closedPositions(String botId) {
        return query("select position_id, realized_pnl, fees, converted_fees, net_realized_pnl, r_multiple, closed_at"
                        + " from position.positions where bot_id = ? and status = 'CLOSED' order by closed_at, position_id",
                rs -> new ClosedRow(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7)), botId);
    }

    /** The ids of the {@code PositionChanged} events stored for the bot's positions. */
    List<String> eventIds(String botId) {
        return query("select e.event_id from position.position_events e join position.positions p"
                + " on p.position_id = e.position_id where p.bot_id = ? order by e.event_id", rs -> rs.getString(1), botId);
    }

    /** The bot's {@code bot_statistics} row in {@code marginAsset}, if one position closed. */
    Optional<Statistics> statistics(String botId, String marginAsset) {
        return query("select positions, wins, losses, gross_profit, gross_loss, net_pnl, fees, peak, max_drawdown,"
                        + " r_total, r_count from position.bot_statistics where bot_id = ? and margin_asset = ?",
                rs -> new Statistics(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                        rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getLong(11)), botId, marginAsset)
                .stream().findFirst();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, String... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
