package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static io.tradeflow.execution.binance.Handling.REJECT;
import static io.tradeflow.execution.binance.Handling.RESYNC;
import static io.tradeflow.execution.binance.Handling.RETRY;

/**
 * Every error code of Binance's USD-M futures error-code page, with what to do about it. The list itself is the docs'
 * (resource {@code binance/usdm_error_codes.json}, see SOURCES.md there); the {@link Handling} of each code is ours:
 * named codes explicitly, the rest by the page's ranges (-11xx parameters, -20xx order refusals, -4xxx order and
 * account rules, -5xxx order options), all of which are refusals. A code the page does not list is a {@link
 * Handling#REJECT} with a warning (once per code): Binance added a code, this table should learn it.
 *
 * <p>Two refinements a single {@link Handling} cannot carry:
 * <ul>
 *   <li>{@link Classification#outcomeUnknownOnWrite()}: -1000, -1006 and -1007 say "execution status unknown"; on a
 *       read they are a {@link Handling#RETRY}, on an order (any POST, PUT, DELETE) an {@link
 *       Handling#UNKNOWN_OUTCOME} ({@link #handling(int, boolean)}).</li>
 *   <li>{@link Classification#alreadyDone()}: -4046, -4059, -4052, -4171 and -5027 say "no need to change": the
 *       account already is as asked, which the caller treats as success.</li>
 * </ul>
 */
public final class ErrorCodes {

    private static final Logger LOG = Logger.getLogger(ErrorCodes.class);

    /** The copy of the docs' list shipped with the service. */
    public static final String RESOURCE = "/binance/usdm_error_codes.json";

    /**
     * What a code means for the caller.
     *
     * @param name       the docs' name, such as {@code INVALID_TIMESTAMP}; {@code UNLISTED} when the docs lack the code
     * @param reason     why this handling, one short phrase
     * @param documented whether the docs' list has the code
     */
    public record Classification(int code, String name, Handling handling, String reason, boolean alreadyDone,
                                 boolean outcomeUnknownOnWrite, boolean documented) {
    }

    private record Rule(Handling handling, String reason, boolean alreadyDone, boolean outcomeUnknownOnWrite) {
        static Rule of(Handling handling, String reason) {
            return new Rule(handling, reason, false, false);
        }
    }

    private record Range(int highest, int lowest, Rule rule) {
        boolean contains(int code) {
            return code <= highest && code >= lowest;
        }
    }

    /** Codes decided one by one; the whole -10xx block is here (it mixes every kind). */
    private static final Map<Integer, Rule> EXPLICIT = Map.ofEntries(
            unknownOnWrite(-1000, "unknown error while processing; on an order the outcome is unknown"),
            Map.entry(-1001, Rule.of(RETRY, "internal error, request not processed: the docs say resend")),
            Map.entry(-1002, Rule.of(REJECT, "the key may not do this")),
            Map.entry(-1003, Rule.of(RETRY, "request rate limit: resend after the gate's wait (Retry-After)")),
            Map.entry(-1004, Rule.of(REJECT, "IP whitelist management")),
            Map.entry(-1005, Rule.of(REJECT, "IP whitelist management")),
            unknownOnWrite(-1006, "unexpected answer from the message bus: execution status unknown"),
            unknownOnWrite(-1007, "backend timeout: send and execution status unknown"),
            Map.entry(-1008, Rule.of(RETRY, "server overloaded, request not processed: resend later, fewer at once")),
            Map.entry(-1010, Rule.of(REJECT, "error message received")),
            Map.entry(-1011, Rule.of(REJECT, "this IP may not use this route (whitelist)")),
            Map.entry(-1013, Rule.of(REJECT, "invalid message")),
            Map.entry(-1014, Rule.of(REJECT, "unsupported order combination")),
            Map.entry(-1015, Rule.of(RETRY, "order rate limit: resend after the gate's wait")),
            Map.entry(-1016, Rule.of(REJECT, "service no longer available")),
            Map.entry(-1020, Rule.of(REJECT, "operation not supported")),
            Map.entry(-1021, Rule.of(RESYNC, "timestamp outside recvWindow: resync the clock (BinanceRest resends once)")),
            Map.entry(-1022, Rule.of(REJECT, "signature invalid: wrong secret or key for this account")),
            Map.entry(-1023, Rule.of(REJECT, "start time after end time")),
            Map.entry(-1099, Rule.of(REJECT, "not found, unauthenticated or unauthorized")),

            Map.entry(-1111, Rule.of(REJECT, "more decimals than the symbol allows: round to tick and step")),
            Map.entry(-1125, Rule.of(RESYNC, "listenKey expired or unknown: create one with POST, reconnect, recover")),

            Map.entry(-2011, Rule.of(RESYNC, "cancel refused, order not open: read its state")),
            Map.entry(-2013, Rule.of(RESYNC, "order unknown: read state (an algo order is found at /fapi/v1/algoOrder)")),
            Map.entry(-2019, Rule.of(REJECT, "margin insufficient")),
            Map.entry(-2021, Rule.of(REJECT, "trigger already crossed: the order would trigger immediately")),
            Map.entry(-2022, Rule.of(RESYNC, "reduce-only refused: read the position and open orders again")),
            Map.entry(-2023, Rule.of(RESYNC, "account in liquidation: positions change under us, read them")),
            Map.entry(-2024, Rule.of(RESYNC, "position smaller than we think: read it")),

            alreadyDone(-4046, "margin type already as asked"),
            Map.entry(-4047, Rule.of(REJECT, "margin type cannot change with open orders")),
            Map.entry(-4048, Rule.of(REJECT, "margin type cannot change with a position")),
            alreadyDone(-4052, "auto-add-margin already as asked"),
            alreadyDone(-4059, "position mode already as asked"),
            Map.entry(-4061, Rule.of(RESYNC, "positionSide does not match the account's mode: read the mode (dual)")),
            Map.entry(-4116, Rule.of(RESYNC, "clientOrderId already used by an open order: query it, likely ours")),
            Map.entry(-4117, Rule.of(RESYNC, "stop order is triggering: read it again")),
            Map.entry(-4118, Rule.of(RESYNC, "reduce-only margin check failed: read the position and open orders")),
            Map.entry(-4120, Rule.of(REJECT, "conditional order types go to /fapi/v1/algoOrder")),
            Map.entry(-4142, Rule.of(REJECT, "trigger already crossed: would trigger immediately")),
            Map.entry(-4164, Rule.of(REJECT, "notional below the symbol's MIN_NOTIONAL")),
            alreadyDone(-4171, "multi-assets mode already as asked"),

            alreadyDone(-5027, "order already as asked (no need to modify)"),
            Map.entry(-5028, Rule.of(RETRY, "matching engine past recvWindow: refused, resending is safe")),
            Map.entry(-5043, Rule.of(RESYNC, "a modification of this order is pending: read it")));

    /** The page's blocks; every code in them that is not {@link #EXPLICIT} is a refusal of the request as sent. */
    private static final List<Range> RANGES = List.of(
            new Range(-1100, -1199, Rule.of(REJECT, "request parameter missing or invalid")),
            new Range(-2010, -2099, Rule.of(REJECT, "order or key refused")),
            new Range(-4000, -4999, Rule.of(REJECT, "order, position or account rule")),
            new Range(-5000, -5999, Rule.of(REJECT, "order option refused")));

    private static final ErrorCodes USD_M = load(RESOURCE);

    private final Map<Integer, String> names;
    private final Set<Integer> warned = ConcurrentHashMap.newKeySet();

    private ErrorCodes(Map<Integer, String> names) {
        this.names = Collections.unmodifiableMap(names);
    }

    /** Binance USD-M futures' codes, loaded once from {@link #RESOURCE}. */
    public static ErrorCodes usdM() {
        return USD_M;
    }

    /** The docs' codes and their names, in code order. */
    public Map<Integer, String> documented() {
        return names;
    }

    /** How to handle {@code code}; see the class comment. */
    public Classification classify(int code) {
        String name = names.get(code);
        Rule rule = name == null ? null : rule(code);
        if (rule == null) {
            if (warned.add(code)) {
                LOG.warnf("Binance error code %d is not in the documented list (%s): handled as REJECT;"
                        + " classify it in ErrorCodes", code, RESOURCE);
            }
            return new Classification(code, name == null ? "UNLISTED" : name, REJECT,
                    "not in Binance's documented list", false, false, name != null);
        }
        return new Classification(code, name, rule.handling(), rule.reason(), rule.alreadyDone(),
                rule.outcomeUnknownOnWrite(), true);
    }

    /** The handling of {@code code}, for a read. */
    public Handling handling(int code) {
        return classify(code).handling();
    }

    /** The handling of {@code code}; {@code write} is any POST, PUT or DELETE, where "status unknown" is unknown. */
    public Handling handling(int code, boolean write) {
        Classification c = classify(code);
        return write && c.outcomeUnknownOnWrite() ? Handling.UNKNOWN_OUTCOME : c.handling();
    }

    /** A "no need to change" answer: the account already is as the request asked, which is success. */
    public boolean alreadyDone(int code) {
        return classify(code).alreadyDone();
    }

    /** The explicit rule, else the rule of the block the code is in; null when neither covers it. */
    private static Rule rule(int code) {
        Rule explicit = EXPLICIT.get(code);
        if (explicit != null) {
            return explicit;
        }
        for (Range range : RANGES) {
            if (range.contains(code)) {
                return range.rule();
            }
        }
        return null;
    }

    /** Whether a rule, explicit or by block, covers {@code code} (the test checks every documented code is). */
    static boolean covered(int code) {
        return rule(code) != null;
    }

    /** The codes decided one by one (for the test that each of them is a documented code). */
    static Set<Integer> explicitCodes() {
        return EXPLICIT.keySet();
    }

    static ErrorCodes load(String resource) {
        try (InputStream in = ErrorCodes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Binance error codes " + resource + " missing from the classpath");
            }
            JsonNode list = new ObjectMapper().readTree(in);
            Map<Integer, String> names = new TreeMap<>(Collections.reverseOrder());
            for (JsonNode entry : list) {
                if (!entry.path("code").isIntegralNumber() || !entry.path("name").isTextual()) {
                    throw new IllegalStateException(resource + ": entry without integer code and name: " + entry);
                }
                names.put(entry.get("code").intValue(), entry.get("name").asText());
            }
            return new ErrorCodes(names);
        } catch (IOException e) {
            throw new UncheckedIOException("Binance error codes " + resource + " unreadable", e);
        }
    }

    private static Map.Entry<Integer, Rule> unknownOnWrite(int code, String reason) {
        return Map.entry(code, new Rule(RETRY, reason, false, true));
    }

    private static Map.Entry<Integer, Rule> alreadyDone(int code, String reason) {
        return Map.entry(code, new Rule(REJECT, reason, true, false));
    }
}
