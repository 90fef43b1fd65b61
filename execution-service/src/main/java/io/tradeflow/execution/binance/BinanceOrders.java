package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Side;
import io.tradeflow.core.domain.Symbol;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Our orders on one Binance futures market ({@link FuturesApi}: USD-M or COIN-M) over REST, placed so that none is
 * ever sent twice: an answer lost to a 5xx, a timeout or
 * a dropped connection leaves the outcome unknown (the order may exist), so the order is looked up by its client id
 * before anything is sent again, and sent again only when Binance says it does not know it (-2013). A request refused
 * before execution (429, -1003, a busy server) is sent again, a few times, after the {@link RequestGate}'s wait.
 * Sources: "New Order", "New Algo Order", "Query Order", "Query Algo Order", "Cancel Algo Order", "Account Trade List"
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api; COIN-M's pages under
 * .../coin-margined-futures/trade/rest-api, where "New Order" still takes STOP_MARKET and TAKE_PROFIT_MARKET).
 *
 * <p>Quantities and prices are sent as plain decimal strings, already rounded to the symbol's step and tick.
 */
public final class BinanceOrders {
    private static final Logger LOG = Logger.getLogger(BinanceOrders.class);
    /** Binance: the order (or algo order) does not exist. */
    static final int NO_SUCH_ORDER = -2013;
    /** Binance: unknown order sent (a cancel of an order already gone). */
    static final int UNKNOWN_ORDER = -2011;
    /** Binance: duplicate client order id among the open orders. */
    static final int DUPLICATE_CLIENT_ID = -4116;
    private static final int ATTEMPTS = 4;

    /** How a trigger is compared (Binance {@code workingType}) and whether price protection applies. */
    public record Conditions(String workingType, boolean priceProtect) {
        public static final Conditions DEFAULT = new Conditions("MARK_PRICE", true);
    }

    private final BinanceRest rest;
    private final FuturesApi api;
    private final Conditions conditions;
    private final Duration pause;

    /** @param pause the wait between two lookups of an order whose placement had an unknown outcome */
    public BinanceOrders(BinanceRest rest, Conditions conditions, Duration pause) {
        this.rest = rest;
        this.api = rest.api();
        this.conditions = conditions;
        this.pause = pause;
    }

    /**
     * A MARKET order, answered with its result ({@code newOrderRespType=RESULT}: status, executed quantity, average
     * price). {@code sentBefore}: an earlier attempt (before a restart) may have reached Binance, so it is looked up
     * first.
     *
     * @throws BinanceException a refusal (REJECT, RESYNC) or a failure that outlasted the attempts
     */
    public OrderAnswer market(String clientOrderId, Symbol symbol, Side side, BigDecimal quantity, boolean reduceOnly,
                              boolean sentBefore) throws BinanceException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol.value());
        params.put("side", side.name());
        params.put("type", "MARKET");
        params.put("quantity", quantity.toPlainString());
        if (reduceOnly) {
            params.put("reduceOnly", "true");
        }
        params.put("newClientOrderId", clientOrderId);
        params.put("newOrderRespType", "RESULT");
        return place(api.v1("order"), params, sentBefore, () -> order(symbol, clientOrderId),
                json -> ExchangeAnswers.order(json));
    }

    /** The market these orders go to. */
    public FuturesApi api() {
        return api;
    }

    /**
     * COIN-M: a reduce-only STOP_MARKET or TAKE_PROFIT_MARKET on the order endpoint itself, with {@code stopPrice}
     * ({@code /dapi/v1/order} still takes the stop types); when it triggers, this same order executes. Looked up and
     * canceled as any order.
     */
    public OrderAnswer stop(String clientOrderId, Symbol symbol, Side side, String type, BigDecimal quantity,
                            BigDecimal stopPrice, boolean sentBefore) throws BinanceException, InterruptedException {
        if (api.algoConditionals()) {
            throw new IllegalStateException(api + " takes stop-loss and take-profit as algo orders: use conditional()");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol.value());
        params.put("side", side.name());
        params.put("type", type);
        params.put("quantity", quantity.toPlainString());
        params.put("stopPrice", stopPrice.toPlainString());
        params.put("workingType", conditions.workingType());
        params.put("priceProtect", String.valueOf(conditions.priceProtect()).toUpperCase());
        params.put("reduceOnly", "true");
        params.put("newClientOrderId", clientOrderId);
        return place(api.v1("order"), params, sentBefore, () -> order(symbol, clientOrderId),
                json -> ExchangeAnswers.order(json));
    }

    /**
     * A reduce-only STOP_MARKET or TAKE_PROFIT_MARKET on the algo endpoint ({@code algoType=CONDITIONAL}; since
     * 2025-12-09 {@code /fapi/v1/order} refuses these types with -4120).
     */
    public AlgoOrderAnswer conditional(String clientAlgoId, Symbol symbol, Side side, String type, BigDecimal quantity,
                                       BigDecimal triggerPrice, boolean sentBefore)
            throws BinanceException, InterruptedException {
        if (!api.algoConditionals()) {
            throw new IllegalStateException(api + " has no algo orders: use stop()");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("algoType", "CONDITIONAL");
        params.put("symbol", symbol.value());
        params.put("side", side.name());
        params.put("type", type);
        params.put("quantity", quantity.toPlainString());
        params.put("triggerPrice", triggerPrice.toPlainString());
        params.put("workingType", conditions.workingType());
        params.put("priceProtect", String.valueOf(conditions.priceProtect()).toUpperCase());
        params.put("reduceOnly", "true");
        params.put("clientAlgoId", clientAlgoId);
        return place(api.v1("algoOrder"), params, sentBefore, () -> algoOrder(clientAlgoId),
                json -> ExchangeAnswers.algoOrder(json));
    }

    /**
     * Sets the symbol's margin type and leverage on the account ({@code POST /fapi/v1/marginType}, {@code POST
     * /fapi/v1/leverage}). "No need to change" (-4046) is success; a margin type that cannot change while the symbol
     * has open orders or a position (-4047, -4048) is logged and kept, since the entry can still go with it.
     *
     * @throws BinanceException any other refusal (e.g. a leverage above the symbol's bracket)
     */
    public void configure(Symbol symbol, int leverage, String marginType) throws BinanceException, InterruptedException {
        try {
            retrying(() -> rest.post(api.v1("marginType"), Map.of("symbol", symbol.value(), "marginType", marginType),
                    BinanceRest.Security.SIGNED));
        } catch (BinanceException e) {
            int code = e.code().orElse(0);
            if (code == -4047 || code == -4048) {
                LOG.warnf("%s margin type stays as it is, not %s: %s", symbol.value(), marginType, e.getMessage());
            } else if (!e.alreadyDone()) {
                throw e;
            }
        }
        retrying(() -> rest.post(api.v1("leverage"), Map.of("symbol", symbol.value(), "leverage",
                String.valueOf(leverage)), BinanceRest.Security.SIGNED));
    }

    /**
     * Whether the account is in hedge mode ({@code GET /fapi/v1/positionSide/dual}, {@code dualSidePosition}); the
     * venue trades one-way mode only.
     */
    public boolean hedgeMode() throws BinanceException, InterruptedException {
        return retrying(() -> rest.get(api.v1("positionSide/dual"), Map.of(), BinanceRest.Security.SIGNED))
                .path("dualSidePosition").asBoolean(false);
    }

    /** The order with this client id, empty when Binance does not know it. */
    public Optional<OrderAnswer> order(Symbol symbol, String clientOrderId) throws BinanceException, InterruptedException {
        try {
            return Optional.of(ExchangeAnswers.order(rest.get(api.v1("order"), Map.of("symbol", symbol.value(),
                    "origClientOrderId", clientOrderId), BinanceRest.Security.SIGNED).toString()));
        } catch (BinanceException e) {
            if (e.code().orElse(0) == NO_SUCH_ORDER) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The algo order with this client id, empty when Binance does not know it. */
    public Optional<AlgoOrderAnswer> algoOrder(String clientAlgoId) throws BinanceException, InterruptedException {
        try {
            return Optional.of(ExchangeAnswers.algoOrder(rest.get(api.v1("algoOrder"), Map.of("clientAlgoId", clientAlgoId),
                    BinanceRest.Security.SIGNED).toString()));
        } catch (BinanceException e) {
            if (e.code().orElse(0) == NO_SUCH_ORDER) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Cancels an algo order; true when it was canceled now, false when Binance no longer has it open (it triggered,
     * finished or was canceled before): the caller reads its state.
     */
    public boolean cancelAlgo(String clientAlgoId) throws BinanceException, InterruptedException {
        return cancel(api.v1("algoOrder"), Map.of("clientAlgoId", clientAlgoId));
    }

    /**
     * Cancels an order (COIN-M: a resting stop); true when it was canceled now, false when Binance no longer has it
     * open (it triggered and filled, or ended before): the caller reads its state.
     */
    public boolean cancelOrder(Symbol symbol, String clientOrderId) throws BinanceException, InterruptedException {
        return cancel(api.v1("order"), Map.of("symbol", symbol.value(), "origClientOrderId", clientOrderId));
    }

    private boolean cancel(String path, Map<String, String> params) throws BinanceException, InterruptedException {
        try {
            // A cancel is idempotent: an unknown outcome is sent again too (a second cancel answers -2011).
            for (int attempt = 1; ; attempt++) {
                try {
                    retrying(() -> rest.delete(path, params, BinanceRest.Security.SIGNED));
                    break;
                } catch (BinanceException e) {
                    if (attempt >= ATTEMPTS || e.handling() != Handling.UNKNOWN_OUTCOME) {
                        throw e;
                    }
                    Thread.sleep(pause.toMillis());
                }
            }
            return true;
        } catch (BinanceException e) {
            int code = e.code().orElse(0);
            if (code == NO_SUCH_ORDER || code == UNKNOWN_ORDER) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The account's position in {@code symbol} (one entry in one-way mode): {@code GET /fapi/v3/positionRisk?symbol=};
     * COIN-M's {@code /dapi/v1/positionRisk} filters by pair only, so all are read and the symbol's kept.
     */
    public List<PositionRisk> positions(Symbol symbol) throws BinanceException, InterruptedException {
        Map<String, String> params = api == FuturesApi.USD_M ? Map.of("symbol", symbol.value()) : Map.of();
        return ExchangeAnswers.positionRisks(retrying(() -> rest.get(api.positionRisk(), params,
                BinanceRest.Security.SIGNED)).toString()).stream().filter(p -> p.symbol().equals(symbol.value()))
                .toList();
    }

    /**
     * What is open on the account in one market now: its orders, its algo orders and its non-zero positions, for
     * reconciliation.
     */
    public record AccountState(Market market, List<OrderAnswer> orders, List<AlgoOrderAnswer> algoOrders,
                               List<PositionRisk> positions) {
    }

    /**
     * {@code GET /fapi/v1/openOrders}, {@code GET /fapi/v1/openAlgoOrders} and {@code GET /fapi/v3/positionRisk}; on
     * COIN-M the {@code /dapi} ones, without algo orders (there are none).
     */
    public AccountState accountState() throws BinanceException, InterruptedException {
        List<OrderAnswer> open = ExchangeAnswers.orders(retrying(() -> rest.get(api.v1("openOrders"), Map.of(),
                BinanceRest.Security.SIGNED)).toString());
        List<AlgoOrderAnswer> algos = !api.algoConditionals() ? List.of() : ExchangeAnswers.algoOrders(retrying(
                () -> rest.get(api.v1("openAlgoOrders"), Map.of(), BinanceRest.Security.SIGNED)).toString());
        List<PositionRisk> positions = ExchangeAnswers.positionRisks(retrying(() -> rest.get(api.positionRisk(),
                Map.of(), BinanceRest.Security.SIGNED)).toString()).stream()
                .filter(p -> p.positionAmount().signum() != 0).toList();
        return new AccountState(api.market(), open, algos, positions);
    }

    /** The fills of one order, oldest first ({@code GET /fapi/v1/userTrades} by {@code orderId}). */
    public List<UserTrade> trades(Symbol symbol, long orderId) throws BinanceException, InterruptedException {
        return ExchangeAnswers.userTrades(retrying(() -> rest.get(api.v1("userTrades"), Map.of("symbol", symbol.value(),
                "orderId", String.valueOf(orderId)), BinanceRest.Security.SIGNED)).toString());
    }

    private interface Call {
        JsonNode send() throws BinanceException, InterruptedException;
    }

    /**
     * A request that is safe to send again when Binance refused it before executing it (RETRY: 429 after the gate's
     * wait, a busy server); anything else goes back to the caller.
     */
    private JsonNode retrying(Call call) throws BinanceException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.send();
            } catch (BinanceException e) {
                if (attempt >= ATTEMPTS || e.handling() != Handling.RETRY) {
                    throw e;
                }
                Thread.sleep(pause.toMillis());
            }
        }
    }

    private interface Lookup<T> {
        Optional<T> find() throws BinanceException, InterruptedException;
    }

    private interface Reader<T> {
        T read(String json);
    }

    /**
     * Sends a placement, never twice blind: before a resend (and first, when {@code sentBefore}) the order is looked
     * up by its client id.
     */
    private <T> T place(String path, Map<String, String> params, boolean sentBefore, Lookup<T> lookup, Reader<T> reader)
            throws BinanceException, InterruptedException {
        boolean maybeSent = sentBefore;
        BinanceException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (maybeSent) {
                Optional<T> found = lookUp(lookup);
                if (found.isEmpty()) {
                    // An order accepted a moment ago may not be queryable yet: a second look before any resend.
                    Thread.sleep(pause.toMillis());
                    found = lookUp(lookup);
                }
                if (found.isPresent()) {
                    return found.get();
                }
            }
            try {
                return reader.read(rest.post(path, params, BinanceRest.Security.SIGNED).toString());
            } catch (BinanceException e) {
                last = e;
                if (e.code().orElse(0) == DUPLICATE_CLIENT_ID) {
                    // An open order already has this client id: ours, sent before; look it up.
                    maybeSent = true;
                } else {
                    switch (e.handling()) {
                        case UNKNOWN_OUTCOME -> maybeSent = true;
                        case RETRY -> {
                            // refused before it was executed: sending it again is safe
                        }
                        default -> throw e;
                    }
                }
                LOG.warnf("%s %s: %s; %s", path, params.getOrDefault("newClientOrderId", params.get("clientAlgoId")),
                        e.getMessage(), maybeSent ? "looking it up before any resend" : "sending again");
                Thread.sleep(pause.toMillis());
            }
        }
        if (maybeSent) {
            // Out of attempts with the outcome unknown: one last look before the caller is told so.
            Optional<T> found = lookUp(lookup);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw last;
    }

    /** A lookup that retries while Binance cannot answer it; the order's state or empty when it does not exist. */
    private <T> Optional<T> lookUp(Lookup<T> lookup) throws BinanceException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return lookup.find();
            } catch (BinanceException e) {
                if (attempt >= ATTEMPTS || e.handling() == Handling.REJECT) {
                    throw e;
                }
                Thread.sleep(pause.toMillis());
            }
        }
    }
}
