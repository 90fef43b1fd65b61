package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.execution.binance.FakeState.PositionRow;
import io.tradeflow.execution.binance.FakeSymbols.Rules;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The COIN-M REST API of {@link BinanceFuturesFake} ({@link BinanceFuturesFake#coinM()}): every endpoint under
 * {@code /dapi/v1}, on the same account, symbols and user stream machinery as USD-M, with COIN-M's parameters and
 * payloads ({@link FakeCoinMMessages}). There is no algo endpoint on COIN-M: stops go to {@code /dapi/v1/order}
 * ({@link FakeStops}).
 */
final class FakeCoinMApi {

    private final FakeAccount account;
    private final FakeReports reports;
    private final FakeUserStream stream;
    private final LongSupplier clock;

    FakeCoinMApi(FakeAccount account, FakeReports reports, FakeUserStream stream, LongSupplier clock) {
        this.account = account;
        this.reports = reports;
        this.stream = stream;
        this.clock = clock;
    }

    JsonNode route(String endpoint, FakeParams p) {
        return switch (endpoint) {
            case "GET /dapi/v1/time" -> FakeMessages.json("{\"serverTime\":" + clock.getAsLong() + "}");
            case "GET /dapi/v1/exchangeInfo" -> FakeMessages.json(account.symbols.exchangeInfo(clock.getAsLong()));
            case "POST /dapi/v1/listenKey" -> BinanceFuturesFake.listenKeyAnswer(stream.start());
            case "PUT /dapi/v1/listenKey" -> BinanceFuturesFake.listenKeyAnswer(stream.keepAlive());
            case "DELETE /dapi/v1/listenKey" -> {
                stream.close();
                yield FakeMessages.json("{}");
            }
            case "GET /dapi/v1/positionSide/dual" -> FakeMessages.json("{\"dualSidePosition\":" + dual() + "}");
            case "POST /dapi/v1/leverage" -> account.leverage(p);
            case "POST /dapi/v1/marginType" -> account.marginType(p);
            case "POST /dapi/v1/order" -> account.placeOrder(p);
            case "GET /dapi/v1/order" -> account.queryOrder(p);
            case "DELETE /dapi/v1/order" -> account.cancelOrder(p);
            case "GET /dapi/v1/openOrders" -> account.openOrders(p);
            case "DELETE /dapi/v1/allOpenOrders" -> account.cancelAll(p);
            case "GET /dapi/v1/positionRisk" -> positionRisk(p);
            case "GET /dapi/v1/userTrades" -> userTrades(p);
            default -> throw new FakeRefusal(404, -1000, "fake: no COIN-M endpoint " + endpoint);
        };
    }

    /**
     * Docs (COIN-M Position Information): filtered by {@code marginAsset} or {@code pair}, not by symbol; neither
     * lists every symbol. One BOTH row per symbol, flat ones included. The fake refuses both filters at once (-1128;
     * the docs say not to send both) and a {@code symbol} (-1104: the endpoint does not read it, so a client that
     * sends it would get every symbol of the account and believe it got one).
     */
    private JsonNode positionRisk(FakeParams p) {
        String marginAsset = p.optional("marginAsset");
        String pair = p.optional("pair");
        if (p.optional("symbol") != null) {
            throw FakeRefusal.of(-1104);
        }
        if (marginAsset != null && pair != null) {
            throw FakeRefusal.of(-1128);
        }
        synchronized (account) {
            Map<String, PositionRow> positions = account.positionRows().stream()
                    .collect(Collectors.toMap(row -> row.symbol, Function.identity()));
            return FakeMessages.array(account.symbols.all().stream()
                    .filter(rules -> marginAsset == null || rules.marginAsset().equals(marginAsset))
                    .filter(rules -> pair == null || rules.pair().equals(pair))
                    .map(rules -> {
                        PositionRow row = positions.getOrDefault(rules.symbol(), new PositionRow(rules.symbol()));
                        return FakeCoinMMessages.positionRisk(row, rules, markOrEntry(row));
                    }).toList());
        }
    }

    /**
     * Docs (COIN-M Account Trade List): {@code symbol} or {@code pair}, not both (the fake: -1102 for neither, -1106
     * for the one too many); {@code orderId} only with {@code symbol}, {@code fromId} not with {@code pair} (-1106);
     * 50 trades by default, at most 1000; otherwise paged as USD-M's.
     */
    private JsonNode userTrades(FakeParams p) {
        String symbol = p.optional("symbol");
        String pair = p.optional("pair");
        if (symbol == null && pair == null) {
            throw FakeRefusal.of(-1102, "symbol", "pair");
        }
        if (symbol != null && pair != null) {
            throw FakeRefusal.of(-1106, "pair");
        }
        if (pair != null && p.optional("orderId") != null) {
            throw FakeRefusal.of(-1106, "orderId");
        }
        if (pair != null && p.optional("fromId") != null) {
            throw FakeRefusal.of(-1106, "fromId");
        }
        if (symbol != null) {
            account.symbols.rules(symbol);
        }
        Long orderId = p.longValue("orderId");
        synchronized (account) {
            return FakeMessages.array(reports.page(p, 50, trade -> {
                Rules rules = account.symbols.rules(trade.symbol());
                return (symbol == null ? rules.pair().equals(pair) : trade.symbol().equals(symbol))
                        && (orderId == null || trade.orderId() == orderId);
            }).stream().map(trade -> FakeCoinMMessages.userTrade(trade, account.symbols.rules(trade.symbol())))
                    .toList());
        }
    }

    private BigDecimal markOrEntry(PositionRow row) {
        BigDecimal mark = account.markOf(row.symbol);
        return mark == null ? row.entryPrice : mark;
    }

    private boolean dual() {
        synchronized (account) {
            return account.dualSidePosition;
        }
    }
}
