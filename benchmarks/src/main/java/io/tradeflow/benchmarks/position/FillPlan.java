package io.tradeflow.benchmarks.position;

import io.tradeflow.benchmarks.execution.LoadPlan;
import io.tradeflow.benchmarks.execution.RecordedKlines;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.PositionChanged;
import io.tradeflow.core.position.Contract;
import io.tradeflow.core.position.Fill;
import io.tradeflow.core.position.PositionBook;
import io.tradeflow.core.position.PositionFill;
import io.tradeflow.core.position.TrackedPosition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run's order events and the {@code PositionChanged} events position-service must publish for them. The orders
 * are execution-service's, computed in process: the execution benchmark's {@link LoadPlan} (recorded klines under
 * benchmark symbols, each symbol's paper bots, their signals, and trading-core's {@code Trader} and paper venue via
 * {@code PaperReplay}), so each bot's events come as execution-service publishes them, with {@code market},
 * {@code marginAsset} and {@code contractSize} set as it sets them: an entry's fill, its stop-loss and take-profit
 * {@code NEW}, then a stop, target or exit fill and the other bracket order's {@code CANCELED}.
 *
 * <p>The symbols' events are merged by {@code eventTime} (each symbol's own order kept), as one execution-service
 * would publish them, and cut after the {@code fills}-th fill. The expected events are those trading-core's
 * {@link PositionBook} gives for the fills in that order (producedAt 1).
 *
 * @param orders   every order event to send, in sending order
 * @param fills    how many of them carry a fill
 * @param expected the {@code PositionChanged} events position-service must publish, with the order event of the fill
 *                 that caused each
 * @param rows     klines per symbol the orders were computed from
 */
record FillPlan(List<OrderUpdated> orders, int fills, List<Expected> expected, int rows) {

    /** A {@code PositionChanged} and the id of the {@code OrderUpdated} whose fill caused it. */
    record Expected(PositionChanged event, String orderEventId) {
    }

    /**
     * The plan for {@code fills} fills of {@code botsPerSymbol} bots per symbol: as many recorded klines per symbol as
     * give at least that many (from one recorded day on, growing until they do).
     */
    static FillPlan of(RecordedKlines recorded, List<Symbol> symbols, int botsPerSymbol, int fills) {
        if (fills < 1) {
            throw new IllegalArgumentException("fills must be 1 or more, was " + fills);
        }
        int rows = LoadPlan.ROWS_APART;
        while (true) {
            List<OrderUpdated> merged = merged(LoadPlan.of(recorded, symbols, botsPerSymbol, rows).expected());
            long found = merged.stream().filter(FillPlan::isFill).count();
            if (found >= fills) {
                List<OrderUpdated> orders = cut(merged, fills);
                return new FillPlan(orders, fills, booked(orders), rows);
            }
            // About as many more rows as the fills so far suggest, and 10 % over, so that one more round is enough.
            rows = found == 0 ? rows * 4 : (int) Math.ceil(rows * 1.1 * fills / found);
        }
    }

    static boolean isFill(OrderUpdated order) {
        return order.lastFillQuantity() != null && order.lastFillPrice() != null;
    }

    /** The symbols' events merged by eventTime, each symbol's own order kept (ties: the earlier symbol first). */
    private static List<OrderUpdated> merged(List<OrderUpdated> all) {
        List<List<OrderUpdated>> bySymbol = List.copyOf(all.stream()
                .collect(Collectors.groupingBy(OrderUpdated::symbol, LinkedHashMap::new, Collectors.toList())).values());
        int[] next = new int[bySymbol.size()];
        List<OrderUpdated> merged = new ArrayList<>(all.size());
        while (merged.size() < all.size()) {
            int pick = -1;
            for (int s = 0; s < bySymbol.size(); s++) {
                if (next[s] < bySymbol.get(s).size() && (pick < 0
                        || bySymbol.get(s).get(next[s]).eventTime() < bySymbol.get(pick).get(next[pick]).eventTime())) {
                    pick = s;
                }
            }
            merged.add(bySymbol.get(pick).get(next[pick]++));
        }
        return merged;
    }

    /** The events up to and including the {@code fills}-th fill. */
    private static List<OrderUpdated> cut(List<OrderUpdated> orders, int fills) {
        int seen = 0;
        for (int i = 0; i < orders.size(); i++) {
            if (isFill(orders.get(i)) && ++seen == fills) {
                return List.copyOf(orders.subList(0, i + 1));
            }
        }
        throw new IllegalArgumentException("fewer than " + fills + " fills");
    }

    /** Each fill booked on its bot's current position, in order, as position-service's ledger books it. */
    private static List<Expected> booked(List<OrderUpdated> orders) {
        Map<String, TrackedPosition> current = new HashMap<>();
        List<Expected> expected = new ArrayList<>();
        for (OrderUpdated order : orders.stream().filter(FillPlan::isFill).toList()) {
            String position = order.botId() + "|" + order.symbol().value() + "|" + order.venue();
            PositionBook.Booked booked = PositionBook.book(current.get(position), fill(order), 1);
            current.put(position, booked.current());
            booked.events().forEach(event -> expected.add(new Expected(event, order.eventId())));
        }
        return List.copyOf(expected);
    }

    /**
     * The fill in trading-core's words, read as position-service reads it: no fee is a fee of 0 in the margin asset,
     * no trade id means the event id; no fee price (the paper venue charges its fees in the margin asset).
     */
    private static PositionFill fill(OrderUpdated order) {
        BigDecimal contractSize = order.market() == Market.USD_M ? BigDecimal.ONE : order.contractSize();
        Fill fill = new Fill(order.side(), order.lastFillQuantity(), order.lastFillPrice(),
                order.fee() == null ? BigDecimal.ZERO : order.fee(),
                order.feeAsset() == null ? order.marginAsset() : order.feeAsset(), order.eventTime(),
                order.tradeId() != null ? order.tradeId() : order.eventId());
        return new PositionFill(order.botId(), order.symbol(), order.venue(), Contract.of(order.market()), contractSize,
                order.marginAsset(), fill, order.signalId(), order.role(), order.closeReason(), null);
    }
}
