package io.tradeflow.execution.persistence;

import io.tradeflow.core.domain.Direction;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderType;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.execution.PaperAccount;
import io.tradeflow.core.execution.WorkingOrder;
import io.tradeflow.core.position.Contract;
import io.tradeflow.core.position.Position;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The paper accounts in {@code paper_wallets}, {@code paper_positions} and {@code paper_working_orders}: columns a
 * user can query with psql, rather than one opaque document. Fees by asset are stored as {@code USDT=0.4979408}
 * pairs separated by {@code ;}.
 */
final class PaperAccountRows {

    List<PaperAccount> load(Connection connection) throws SQLException {
        Map<String, Position> positions = positions(connection);
        Map<String, List<WorkingOrder>> working = working(connection);
        List<PaperAccount> accounts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select bot_id, symbol, kline_interval, asset, balance, reserved_margin, peak_balance, day,
                    day_start_balance, fills from paper_wallets order by bot_id""");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String botId = rs.getString(1);
                accounts.add(new PaperAccount(botId, new Symbol(rs.getString(2)), Interval.fromCode(rs.getString(3)),
                        rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getLong(8),
                        rs.getBigDecimal(9), positions.get(botId), working.getOrDefault(botId, List.of()), rs.getLong(10)));
            }
        }
        return accounts;
    }

    void save(Connection connection, PaperAccount account) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into paper_wallets (bot_id, symbol, kline_interval, asset, balance, reserved_margin, peak_balance,
                    day, day_start_balance, fills) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (bot_id) do update set symbol = excluded.symbol, kline_interval = excluded.kline_interval,
                    asset = excluded.asset, balance = excluded.balance, reserved_margin = excluded.reserved_margin,
                    peak_balance = excluded.peak_balance, day = excluded.day,
                    day_start_balance = excluded.day_start_balance, fills = excluded.fills, updated_at = now()""")) {
            upsert.setString(1, account.botId());
            upsert.setString(2, account.symbol().value());
            upsert.setString(3, account.interval().code());
            upsert.setString(4, account.asset());
            upsert.setBigDecimal(5, account.balance());
            upsert.setBigDecimal(6, account.reservedMargin());
            upsert.setBigDecimal(7, account.peakBalance());
            upsert.setLong(8, account.day());
            upsert.setBigDecimal(9, account.dayStartBalance());
            upsert.setLong(10, account.fills());
            upsert.executeUpdate();
        }
        delete(connection, "delete from paper_positions where bot_id = ?", account.botId());
        delete(connection, "delete from paper_working_orders where bot_id = ?", account.botId());
        if (account.position() != null) {
            insertPosition(connection, account.botId(), account.position());
        }
        for (WorkingOrder order : account.working()) {
            insertWorking(connection, account.botId(), order);
        }
    }

    private static void insertPosition(Connection connection, String botId, Position p) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into paper_positions (bot_id, symbol, contract, contract_size, margin_asset, direction, quantity,
                    entry_price, realized_pnl, fees, closed_quantity, exit_price, opened_at, entry_value, exit_value)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, botId);
            insert.setString(2, p.symbol().value());
            insert.setString(3, p.contract().name());
            insert.setBigDecimal(4, p.contractSize());
            insert.setString(5, p.marginAsset());
            insert.setString(6, p.direction().name());
            insert.setBigDecimal(7, p.quantity());
            insert.setBigDecimal(8, p.entryPrice());
            insert.setBigDecimal(9, p.realizedPnl());
            insert.setString(10, p.fees().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().toPlainString())
                    .collect(Collectors.joining(";")));
            insert.setBigDecimal(11, p.closedQuantity());
            insert.setBigDecimal(12, p.exitPrice());
            insert.setLong(13, p.openedAt());
            insert.setBigDecimal(14, p.entryValue());
            insert.setBigDecimal(15, p.exitValue());
            insert.executeUpdate();
        }
    }

    private static void insertWorking(Connection connection, String botId, WorkingOrder o) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into paper_working_orders (client_order_id, bot_id, signal_id, role, side, type, quantity,
                    trigger_price, active_after) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, o.clientOrderId());
            insert.setString(2, botId);
            insert.setString(3, o.signalId());
            insert.setString(4, o.role().name());
            insert.setString(5, o.side().name());
            insert.setString(6, o.type().name());
            insert.setBigDecimal(7, o.quantity());
            insert.setBigDecimal(8, o.triggerPrice());
            insert.setLong(9, o.activeAfter());
            insert.executeUpdate();
        }
    }

    private static Map<String, Position> positions(Connection connection) throws SQLException {
        Map<String, Position> positions = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select bot_id, symbol, contract, contract_size, margin_asset, direction, quantity, entry_price,
                    realized_pnl, fees, closed_quantity, exit_price, opened_at, entry_value, exit_value
                from paper_positions""");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                positions.put(rs.getString(1), new Position(new Symbol(rs.getString(2)), Contract.valueOf(rs.getString(3)),
                        rs.getBigDecimal(4), rs.getString(5), Direction.valueOf(rs.getString(6)), rs.getBigDecimal(7),
                        rs.getBigDecimal(8), rs.getBigDecimal(9), fees(rs.getString(10)), rs.getBigDecimal(11),
                        rs.getBigDecimal(12), rs.getLong(13), 0, rs.getBigDecimal(14), rs.getBigDecimal(15)));
            }
        }
        return positions;
    }

    private static Map<String, List<WorkingOrder>> working(Connection connection) throws SQLException {
        Map<String, List<WorkingOrder>> working = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select bot_id, client_order_id, signal_id, role, side, type, quantity, trigger_price, active_after
                from paper_working_orders order by bot_id, role""");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                working.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new WorkingOrder(rs.getString(2),
                        rs.getString(3), OrderRole.valueOf(rs.getString(4)), Side.valueOf(rs.getString(5)),
                        OrderType.valueOf(rs.getString(6)), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getLong(9)));
            }
        }
        return working;
    }

    private static Map<String, BigDecimal> fees(String text) {
        Map<String, BigDecimal> fees = new TreeMap<>();
        if (!text.isEmpty()) {
            for (String pair : text.split(";")) {
                int eq = pair.indexOf('=');
                fees.put(pair.substring(0, eq), new BigDecimal(pair.substring(eq + 1)));
            }
        }
        return fees;
    }

    private static void delete(Connection connection, String sql, String botId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, botId);
            delete.executeUpdate();
        }
    }
}
