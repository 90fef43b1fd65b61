package io.tradeflow.execution.exchange;

import java.util.OptionalInt;

/**
 * Symbol rules could not be had from Binance. The message says what happened (the request, the HTTP status, Binance's
 * own {@code {"code":..,"msg":..}} when the body carried one); {@link #advice()} says what to do about it.
 */
public final class ExchangeInfoException extends Exception {

    /** What kind of failure, for logs and for deciding nothing more than "keep the rules we have". */
    public enum Kind {
        /** No connection: refused, unknown host, reset, TLS failure. */
        UNREACHABLE,
        /** Connected, but no answer within the timeout. */
        TIMEOUT,
        /** Binance (or something in front of it) answered with a status other than 2xx. */
        HTTP_STATUS,
        /** A 2xx answer that is not an exchangeInfo document. */
        MALFORMED
    }

    private final Kind kind;
    private final int httpStatus;
    private final Integer binanceCode;

    private ExchangeInfoException(Kind kind, String message, int httpStatus, Integer binanceCode, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.binanceCode = binanceCode;
    }

    static ExchangeInfoException unreachable(String request, Throwable cause) {
        return new ExchangeInfoException(Kind.UNREACHABLE, request + ": unreachable (" + describe(cause) + ")", 0, null,
                cause);
    }

    static ExchangeInfoException timeout(String request, Throwable cause) {
        return new ExchangeInfoException(Kind.TIMEOUT, request + ": no answer in time (" + describe(cause) + ")", 0, null,
                cause);
    }

    /** A non-2xx answer; {@code binanceCode} and {@code binanceMessage} when the body was Binance's error shape. */
    static ExchangeInfoException httpStatus(String request, int status, Integer binanceCode, String detail) {
        String what = binanceCode == null ? detail : "Binance error " + binanceCode + ": " + detail;
        return new ExchangeInfoException(Kind.HTTP_STATUS, request + " -> HTTP " + status + (what.isEmpty() ? "" : ", " + what),
                status, binanceCode, null);
    }

    /** {@code where} is the request the document answered. */
    static ExchangeInfoException malformed(String where, String problem) {
        return new ExchangeInfoException(Kind.MALFORMED, where + ": not an exchangeInfo document (" + problem + ")", 0, null,
                null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of a {@link Kind#HTTP_STATUS} failure; 0 otherwise. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Binance's error code, such as -1003 TOO_MANY_REQUESTS, when the body carried one. */
    public OptionalInt binanceCode() {
        return binanceCode == null ? OptionalInt.empty() : OptionalInt.of(binanceCode);
    }

    /** What an operator can do about this failure, one sentence. */
    public String advice() {
        return switch (kind) {
            case UNREACHABLE -> "check that this host can reach Binance (DNS, proxy, firewall) or point"
                    + " tradeflow.execution.binance.rest-url / coin-m-rest-url elsewhere;"
                    + " set tradeflow.execution.binance.exchange-info-fetch=false to run on the snapshot on purpose";
            case TIMEOUT -> "Binance did not answer in time; the next refresh tries again, check the network path if it"
                    + " keeps happening";
            case MALFORMED -> "check that the URL points at Binance futures REST and not at a proxy or captive portal";
            case HTTP_STATUS -> httpAdvice();
        };
    }

    private String httpAdvice() {
        if (httpStatus == 429 || httpStatus == 418 || binanceCode != null && binanceCode == -1003) {
            return "this IP is over Binance's request weight (429) or banned for ignoring it (418): another process on"
                    + " the same IP is the likely cause, the hourly refresh tries again";
        }
        if (httpStatus == 403 || httpStatus == 451) {
            return "Binance refuses requests from this location (HTTP 403/451): use a permitted network, or set"
                    + " tradeflow.execution.binance.exchange-info-fetch=false to run on the snapshot";
        }
        if (httpStatus >= 500) {
            return "a failure on Binance's side; the next refresh tries again";
        }
        return "check that the URL points at Binance futures REST (fapi for USD-M, dapi for COIN-M)";
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank()
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + message;
    }
}
