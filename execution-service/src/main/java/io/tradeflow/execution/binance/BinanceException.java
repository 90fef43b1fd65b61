package io.tradeflow.execution.binance;

import java.util.OptionalInt;

/**
 * A Binance request that did not succeed, classified: {@link #handling()} says what the caller does next. The message
 * names the request (method and path, never the query: no signature, no key) and what happened.
 *
 * <p>{@link #httpStatus()} is 0 when no answer came (no connection, timeout); {@link #code()} is Binance's error code
 * when the body was its {@code {"code":..,"msg":..}} shape.
 */
public final class BinanceException extends Exception {

    private final String request;
    private final int httpStatus;
    private final Integer code;
    private final String binanceMessage;
    private final Handling handling;
    private final boolean alreadyDone;

    BinanceException(String request, int httpStatus, Integer code, String binanceMessage, Handling handling,
                     boolean alreadyDone, String detail, Throwable cause) {
        super(message(request, httpStatus, code, detail, handling), cause);
        this.request = request;
        this.httpStatus = httpStatus;
        this.code = code;
        this.binanceMessage = binanceMessage;
        this.handling = handling;
        this.alreadyDone = alreadyDone;
    }

    private static String message(String request, int httpStatus, Integer code, String detail, Handling handling) {
        StringBuilder m = new StringBuilder(request);
        if (httpStatus != 0) {
            m.append(" -> HTTP ").append(httpStatus);
        }
        if (code != null) {
            m.append(", Binance ").append(code);
        }
        if (detail != null && !detail.isEmpty()) {
            m.append(httpStatus != 0 || code != null ? ": " : " ").append(detail);
        }
        return m.append(" [").append(handling).append(']').toString();
    }

    /** Method and path, e.g. {@code POST /fapi/v1/order}. */
    public String request() {
        return request;
    }

    /** The HTTP status of the answer; 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Binance's error code, such as -2019, when the body carried one. */
    public OptionalInt code() {
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /** Binance's {@code msg}, or a short description of the failure when there was no Binance body; never null. */
    public String binanceMessage() {
        return binanceMessage;
    }

    /** What the caller should do about it: retry, resync, reject, or look the order up (unknown outcome). */
    public Handling handling() {
        return handling;
    }

    /** A "no need to change" refusal (e.g. -4046): the account already is as asked, treat it as success. */
    public boolean alreadyDone() {
        return alreadyDone;
    }
}
