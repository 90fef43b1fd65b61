package io.tradeflow.position.rest;

import io.tradeflow.core.position.Statistics;
import io.tradeflow.position.persistence.EquityPointEntity;
import io.tradeflow.position.persistence.PositionEntity;
import io.tradeflow.position.persistence.TradeEntity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the REST API returns. Decimals are strings in plain notation, as on the topics ({@code "35567.20"}); times are
 * epoch ms; absent values are null.
 */
public final class Views {
    private Views() {
    }

    /** A page of results: {@code total} rows match, this page holds {@code items}. */
    public record Page<T>(int page, int size, long total, List<T> items) {
    }

    /**
     * A position. {@code markPrice} and {@code unrealizedPnl} are for open positions, at the latest price in Redis
     * (absent when Redis has none).
     */
    public record Position(String positionId, String botId, String symbol, String venue, String direction,
            String status, long sequence, String quantity, String closedQuantity, String entryPrice, String exitPrice,
            String markPrice, String unrealizedPnl, String realizedPnl, String marginAsset, String fees,
            Map<String, String> otherFees, String convertedFees, Map<String, String> unconvertedFees,
            String netRealizedPnl, String initialStop, String rMultiple, String closeReason, String signalId,
            long openedAt, Long closedAt) {

        static Position of(PositionEntity row, BigDecimal mark, BigDecimal unrealized) {
            Map<String, BigDecimal> other = new TreeMap<>(row.feesByAsset);
            other.remove(row.marginAsset);
            return new Position(row.positionId, row.botId, row.symbol, row.venue, row.direction, row.status,
                    row.sequence, plain(row.quantity), plain(row.closedQuantity), plain(row.entryPrice),
                    plain(row.exitPrice), plain(mark), plain(unrealized), plain(row.realizedPnl), row.marginAsset,
                    plain(row.fees), plain(other), plain(row.convertedFees), plain(row.unconvertedFees),
                    plain(row.netRealizedPnl), plain(row.initialStop), plain(row.rMultiple), row.closeReason,
                    row.signalId, row.openedAt, row.closedAt);
        }
    }

    /** A fill ("trade", as Binance's {@code userTrades} calls one). {@code realizedPnl}: of this fill, before fees. */
    public record Trade(String venue, String clientOrderId, String tradeId, String positionId, String nextPositionId,
            String botId, String symbol, String signalId, String role, String side, String quantity, String price,
            String fee, String feeAsset, String feePrice, String realizedPnl, long time) {

        static Trade of(TradeEntity row) {
            return new Trade(row.key.venue(), row.key.clientOrderId(), row.key.tradeId(), row.positionId,
                    row.nextPositionId, row.botId, row.symbol, row.signalId, row.orderRole, row.side,
                    plain(row.quantity), plain(row.price), plain(row.fee), row.feeAsset, plain(row.feePrice),
                    plain(row.realizedPnl), row.tradedAt);
        }
    }

    /**
     * How a bot (or all, {@code botId} null) did in one margin asset over its closed positions (trading-core
     * {@code Statistics}: wins have net PnL above 0; win rate a fraction, 4 places). {@code todayNetPnl} sums the
     * positions closed since 00:00 UTC.
     */
    public record StatisticsView(String botId, String marginAsset, long positions, long wins, long losses,
            String winRate, String netPnl, String todayNetPnl, String grossProfit, String grossLoss, String fees,
            String maxDrawdown, String drawdown, String profitFactor, String expectancy, String averageR) {

        static StatisticsView of(String botId, String asset, Statistics s, BigDecimal today) {
            return new StatisticsView(botId, asset, s.positions(), s.wins(), s.losses(),
                    plain(s.winRate().orElse(null)), plain(s.netPnl()), plain(today), plain(s.grossProfit()),
                    plain(s.grossLoss()), plain(s.fees()), plain(s.maxDrawdown()), plain(s.drawdown()),
                    plain(s.profitFactor().orElse(null)), plain(s.expectancy().orElse(null)),
                    plain(s.averageR().orElse(null)));
        }
    }

    /**
     * A point of the bot's equity curve: the position that closed at {@code time}, its net realized PnL, and the bot's
     * equity (cumulative net realized PnL) and drawdown after it.
     */
    public record EquityPoint(String positionId, String botId, String marginAsset, long time, String netRealizedPnl,
            String equity, String drawdown) {

        static EquityPoint of(EquityPointEntity row) {
            return new EquityPoint(row.positionId, row.botId, row.marginAsset, row.closedAt, plain(row.netRealizedPnl),
                    plain(row.equity), plain(row.drawdown));
        }
    }

    static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static Map<String, String> plain(Map<String, BigDecimal> fees) {
        if (fees.isEmpty()) {
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        fees.forEach((asset, fee) -> out.put(asset, fee.toPlainString()));
        return out;
    }
}
