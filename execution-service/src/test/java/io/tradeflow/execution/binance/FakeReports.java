package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.execution.binance.FakeState.OrderRow;
import io.tradeflow.execution.binance.FakeState.PositionRow;
import io.tradeflow.execution.binance.FakeState.Trade;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The account reads of {@link BinanceFuturesFake}: {@code GET /fapi/v3/positionRisk}, {@code /fapi/v3/account},
 * {@code /fapi/v3/balance} and {@code /fapi/v1/userTrades}, from the account's state under its lock, each row
 * built on the docs' example (see {@link FakeMessages}).
 */
final class FakeReports {

    private static final long SEVEN_DAYS = Duration.ofDays(7).toMillis();
    private static final ObjectNode POSITION_RISK =
            FakeMessages.first("usdm_rest_position_risk_v3_one_way.official_docs.json");
    private static final ObjectNode USER_TRADE =
            FakeMessages.first("usdm_rest_user_trades_response.official_docs.json");
    private static final ObjectNode BALANCE = FakeMessages.first("usdm_rest_balance_v3.official_docs.json");

    private final FakeAccount account;

    FakeReports(FakeAccount account) {
        this.account = account;
    }

    /** Docs (Position Information V3): only symbols with a position or open orders are listed. */
    JsonNode positionRisk(FakeParams p) {
        synchronized (account) {
            String symbol = p.optional("symbol");
            if (symbol != null) {
                account.symbols.rules(symbol);
            }
            List<OrderRow> orders = account.orderRows();
            return FakeMessages.array(account.positionRows().stream()
                    .filter(row -> symbol == null || row.symbol.equals(symbol))
                    .filter(row -> row.amount.signum() != 0 || account.algos.anyOpen(row.symbol)
                            || orders.stream().anyMatch(o -> o.open() && o.symbol.equals(row.symbol)))
                    .map(row -> positionRisk(row, markOrEntry(row))).toList());
        }
    }

    /** Docs (Account Information V3, single-asset mode), USDT only; totals of the open positions. */
    JsonNode account() {
        synchronized (account) {
            BigDecimal wallet = account.wallet();
            BigDecimal unrealized = unrealized();
            BigDecimal margin = BigDecimal.ZERO;
            ObjectNode answer = JsonNodeFactory.instance.objectNode();
            ObjectNode asset = JsonNodeFactory.instance.objectNode();
            var positions = JsonNodeFactory.instance.arrayNode();
            for (PositionRow row : open()) {
                JsonNode risk = positionRisk(row, markOrEntry(row));
                margin = margin.add(new BigDecimal(risk.get("initialMargin").asText()));
                ObjectNode position = positions.addObject();
                position.put("symbol", row.symbol);
                position.put("positionSide", "BOTH");
                position.put("positionAmt", FakeMessages.plain(row.amount));
                position.put("unrealizedProfit", risk.get("unRealizedProfit").asText());
                position.put("isolatedMargin", "0");
                position.put("notional", risk.get("notional").asText());
                position.put("isolatedWallet", "0");
                position.put("initialMargin", risk.get("initialMargin").asText());
                position.put("maintMargin", "0");
                position.put("updateTime", row.updateTime);
            }
            BigDecimal marginBalance = wallet.add(unrealized);
            String available = FakeMessages.plain(marginBalance.subtract(margin));
            answer.put("totalInitialMargin", FakeMessages.plain(margin));
            answer.put("totalMaintMargin", "0");
            answer.put("totalWalletBalance", FakeMessages.plain(wallet));
            answer.put("totalUnrealizedProfit", FakeMessages.plain(unrealized));
            answer.put("totalMarginBalance", FakeMessages.plain(marginBalance));
            answer.put("totalPositionInitialMargin", FakeMessages.plain(margin));
            answer.put("totalOpenOrderInitialMargin", "0");
            answer.put("totalCrossWalletBalance", FakeMessages.plain(wallet));
            answer.put("totalCrossUnPnl", FakeMessages.plain(unrealized));
            answer.put("availableBalance", available);
            answer.put("maxWithdrawAmount", available);
            asset.put("asset", FakeAccount.ASSET);
            asset.put("walletBalance", FakeMessages.plain(wallet));
            asset.put("unrealizedProfit", FakeMessages.plain(unrealized));
            asset.put("marginBalance", FakeMessages.plain(marginBalance));
            asset.put("maintMargin", "0");
            asset.put("initialMargin", FakeMessages.plain(margin));
            asset.put("positionInitialMargin", FakeMessages.plain(margin));
            asset.put("openOrderInitialMargin", "0");
            asset.put("crossWalletBalance", FakeMessages.plain(wallet));
            asset.put("crossUnPnl", FakeMessages.plain(unrealized));
            asset.put("availableBalance", available);
            asset.put("maxWithdrawAmount", available);
            asset.put("updateTime", account.now());
            answer.set("assets", JsonNodeFactory.instance.arrayNode().add(asset));
            answer.set("positions", positions);
            return answer;
        }
    }

    JsonNode balance() {
        synchronized (account) {
            return FakeMessages.array(List.of(balance(account.wallet(), unrealized(), account.now())));
        }
    }

    /**
     * Docs (Account Trade List): {@code fromId} lists from that trade id up; else the window
     * {@code startTime}..{@code endTime} (the last 7 days when neither is sent), newest {@code limit} trades;
     * {@code fromId} with a time is -1128. Ascending by id.
     */
    JsonNode userTrades(FakeParams p) {
        synchronized (account) {
            String symbol = p.required("symbol");
            account.symbols.rules(symbol);
            Long orderId = p.longValue("orderId");
            return FakeMessages.array(page(p, 500, t -> t.symbol().equals(symbol)
                    && (orderId == null || t.orderId() == orderId)).stream().map(FakeReports::userTrade).toList());
        }
    }

    /**
     * The account's trades that {@code which} keeps, paged as Account Trade List pages them (USD-M and COIN-M alike):
     * {@code fromId}, or the {@code startTime}..{@code endTime} window, {@code limit} ({@code defaultLimit}, at most
     * 1000). Ascending by id.
     */
    List<Trade> page(FakeParams p, int defaultLimit, Predicate<Trade> which) {
        Long fromId = p.longValue("fromId");
        Long start = p.longValue("startTime");
        Long end = p.longValue("endTime");
        Long limitValue = p.longValue("limit");
        int limit = limitValue == null ? defaultLimit : (int) Math.min(1000, limitValue);
        if (fromId != null && (start != null || end != null)) {
            throw FakeRefusal.of(-1128);
        }
        long from = start != null ? start : end != null ? end - SEVEN_DAYS : account.now() - SEVEN_DAYS;
        long to = end != null ? end : start != null ? start + SEVEN_DAYS : Long.MAX_VALUE;
        List<Trade> matching = account.trades().stream().filter(which)
                .filter(t -> fromId != null ? t.id() >= fromId : t.time() >= from && t.time() <= to)
                .sorted(Comparator.comparingLong(Trade::id)).toList();
        return fromId != null ? matching.stream().limit(limit).toList()
                : matching.subList(Math.max(0, matching.size() - limit), matching.size());
    }

    /** One row of GET /fapi/v3/positionRisk (docs: Position Information V3, one-way mode). */
    static ObjectNode positionRisk(PositionRow position, BigDecimal mark) {
        BigDecimal notional = position.amount.multiply(mark);
        BigDecimal margin = notional.abs()
                .divide(BigDecimal.valueOf(position.leverage), 8, RoundingMode.HALF_UP);
        ObjectNode row = POSITION_RISK.deepCopy();
        row.put("symbol", position.symbol);
        row.put("positionSide", "BOTH");
        row.put("positionAmt", FakeMessages.plain(position.amount));
        row.put("entryPrice", FakeMessages.plain(position.entryPrice));
        row.put("breakEvenPrice", FakeMessages.plain(position.entryPrice));
        row.put("markPrice", FakeMessages.plain(mark));
        row.put("unRealizedProfit", FakeMessages.plain(FakeMessages.unrealized(position, mark)));
        row.put("liquidationPrice", "0");
        row.put("isolatedMargin", "0");
        row.put("notional", FakeMessages.plain(notional));
        row.put("marginAsset", FakeAccount.ASSET);
        row.put("isolatedWallet", "0");
        row.put("initialMargin", FakeMessages.plain(margin));
        row.put("maintMargin", "0");
        row.put("positionInitialMargin", FakeMessages.plain(margin));
        row.put("openOrderInitialMargin", "0");
        row.put("adl", 0);
        row.put("bidNotional", "0");
        row.put("askNotional", "0");
        row.put("updateTime", position.updateTime);
        return row;
    }

    /** One row of GET /fapi/v1/userTrades (docs: Account Trade List). */
    static ObjectNode userTrade(Trade trade) {
        ObjectNode row = USER_TRADE.deepCopy();
        row.put("buyer", trade.buyer());
        row.put("commission", FakeMessages.plain(trade.commission()));
        row.put("commissionAsset", trade.commissionAsset());
        row.put("id", trade.id());
        row.put("maker", trade.maker());
        row.put("orderId", trade.orderId());
        row.put("price", FakeMessages.plain(trade.price()));
        row.put("qty", FakeMessages.plain(trade.qty()));
        row.put("quoteQty", FakeMessages.plain(trade.quoteQty()));
        row.put("realizedPnl", FakeMessages.plain(trade.realizedPnl()));
        row.put("side", trade.side());
        row.put("positionSide", "BOTH");
        row.put("symbol", trade.symbol());
        row.put("time", trade.time());
        return row;
    }

    /** The USDT row of GET /fapi/v3/balance (docs: Futures Account Balance V3). */
    static ObjectNode balance(BigDecimal wallet, BigDecimal unrealized, long time) {
        ObjectNode row = BALANCE.deepCopy();
        row.put("accountAlias", "FakeTf");
        row.put("asset", FakeAccount.ASSET);
        row.put("balance", FakeMessages.plain(wallet));
        row.put("crossWalletBalance", FakeMessages.plain(wallet));
        row.put("crossUnPnl", FakeMessages.plain(unrealized));
        row.put("availableBalance", FakeMessages.plain(wallet.add(unrealized)));
        row.put("maxWithdrawAmount", FakeMessages.plain(wallet));
        row.put("marginAvailable", true);
        row.put("updateTime", time);
        return row;
    }

    private List<PositionRow> open() {
        return account.positionRows().stream().filter(row -> row.amount.signum() != 0).toList();
    }

    private BigDecimal unrealized() {
        return open().stream().map(row -> FakeMessages.unrealized(row, markOrEntry(row)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private BigDecimal markOrEntry(PositionRow row) {
        BigDecimal mark = account.markOf(row.symbol);
        return mark == null ? row.entryPrice : mark;
    }
}
