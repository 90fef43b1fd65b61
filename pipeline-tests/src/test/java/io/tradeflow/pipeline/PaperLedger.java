package io.tradeflow.pipeline;

import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.domain.OrderStatus;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.position.Contract;
import io.tradeflow.core.position.Fill;
import io.tradeflow.core.position.PositionBook;
import io.tradeflow.core.position.PositionFill;
import io.tradeflow.core.position.Statistics;
import io.tradeflow.core.position.TrackedPosition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One bot's in-process order events booked the way position-service books them, with trading-core's
 * {@link PositionBook} and {@link Statistics} (the code a backtest books with): what its REST API must answer. The
 * bracket's stop-loss (status NEW) gives the open position of its signal its initial stop, which R is measured
 * against; fees are all in the margin asset on the paper venue, so no fee is converted.
 *
 * @param trades     each fill as {@code GET /api/v1/trades} shows it, field by field (decimals as plain text, null
 *                   as null), in the order they were filled
 * @param closed     the positions closed by the end, in the order they closed
 * @param statistics the fold of the closed positions in the order they closed
 */
record PaperLedger(List<Map<String, String>> trades, List<TrackedPosition> closed, Statistics statistics) {

    /** Books {@code orders}, the events of one bot in the order the venue produced them. */
    static PaperLedger of(List<OrderUpdated> orders) {
        List<Map<String, String>> trades = new ArrayList<>();
        List<TrackedPosition> closed = new ArrayList<>();
        Statistics statistics = Statistics.NONE;
        TrackedPosition current = null;
        for (OrderUpdated order : orders) {
            if (order.lastFillQuantity() == null) {
                if (current != null && current.isOpen() && order.role() == OrderRole.STOP_LOSS
                        && order.status() == OrderStatus.NEW && order.triggerPrice() != null
                        && current.initialStop() == null && current.signalId() != null
                        && current.signalId().equals(order.signalId())) {
                    current = current.withInitialStop(order.triggerPrice());
                }
                continue;
            }
            if (order.market() != Market.USD_M || !order.marginAsset().equals(order.feeAsset())) {
                throw new IllegalStateException("expected USD-M paper fills with fees in the margin asset: " + order);
            }
            Fill fill = new Fill(order.side(), order.lastFillQuantity(), order.lastFillPrice(), order.fee(),
                    order.feeAsset(), order.eventTime(), order.tradeId());
            PositionBook.Booked booked = PositionBook.book(current, new PositionFill(order.botId(), order.symbol(),
                    order.venue(), Contract.of(order.market()), BigDecimal.ONE, order.marginAsset(), fill,
                    order.signalId(), order.role(), order.closeReason(), null), 1);
            for (TrackedPosition position : booked.positions()) {
                if (!position.isOpen()) {
                    closed.add(position);
                    statistics = statistics.add(position);
                }
            }
            current = booked.current();
            trades.add(trade(order, booked));
        }
        return new PaperLedger(List.copyOf(trades), List.copyOf(closed), statistics);
    }

    /**
     * The bot's statistics as {@code GET /api/v1/bots/{id}/stats} shows them in the margin asset, field by field.
     *
     * @param midnight 00:00 UTC today, epoch ms: {@code todayNetPnl} sums the positions closed since
     */
    Map<String, String> statisticsView(String botId, String marginAsset, long midnight) {
        Statistics s = statistics;
        BigDecimal today = closed.stream().filter(p -> p.position().closedAt() >= midnight)
                .map(TrackedPosition::netRealizedPnl).reduce(BigDecimal::add).orElse(BigDecimal.ZERO);
        Map<String, String> view = new LinkedHashMap<>();
        view.put("botId", botId);
        view.put("marginAsset", marginAsset);
        view.put("positions", Long.toString(s.positions()));
        view.put("wins", Long.toString(s.wins()));
        view.put("losses", Long.toString(s.losses()));
        view.put("winRate", plain(s.winRate().orElse(null)));
        view.put("netPnl", plain(s.netPnl()));
        view.put("todayNetPnl", plain(today));
        view.put("grossProfit", plain(s.grossProfit()));
        view.put("grossLoss", plain(s.grossLoss()));
        view.put("fees", plain(s.fees()));
        view.put("maxDrawdown", plain(s.maxDrawdown()));
        view.put("drawdown", plain(s.drawdown()));
        view.put("profitFactor", plain(s.profitFactor().orElse(null)));
        view.put("expectancy", plain(s.expectancy().orElse(null)));
        view.put("averageR", plain(s.averageR().orElse(null)));
        return view;
    }

    /** Each closed position as {@link PaperFills.Closed#described}, by position id: to check against the venue's own. */
    Map<String, String> closedDescribed() {
        Map<String, String> described = new LinkedHashMap<>();
        closed.forEach(p -> described.put(p.positionId(), PaperFills.Closed.described(p.position().realizedPnl(),
                p.marginFees(), p.netRealizedPnl())));
        return described;
    }

    private static Map<String, String> trade(OrderUpdated order, PositionBook.Booked booked) {
        Map<String, String> trade = new LinkedHashMap<>();
        trade.put("venue", order.venue().name());
        trade.put("clientOrderId", order.clientOrderId());
        trade.put("tradeId", order.tradeId());
        trade.put("positionId", booked.positions().getFirst().positionId());
        trade.put("nextPositionId", booked.positions().size() > 1 ? booked.positions().getLast().positionId() : null);
        trade.put("botId", order.botId());
        trade.put("symbol", order.symbol().value());
        trade.put("signalId", order.signalId());
        trade.put("role", order.role().name());
        trade.put("side", order.side().name());
        trade.put("quantity", plain(order.lastFillQuantity()));
        trade.put("price", plain(order.lastFillPrice()));
        trade.put("fee", plain(order.fee()));
        trade.put("feeAsset", order.feeAsset());
        trade.put("feePrice", null);
        trade.put("realizedPnl", plain(booked.realizedPnl()));
        trade.put("time", Long.toString(order.eventTime()));
        return trade;
    }

    /** As the REST API writes a decimal: plain notation with its scale (trailing zeros kept), or null. */
    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
