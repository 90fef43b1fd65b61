package io.tradeflow.marketdata.exchange;

/**
 * Binance refused a request for a reason a retry does not fix (an HTTP 4xx other than 429/418), with Binance's own
 * code and message when the body carried them.
 */
public class BinanceApiException extends Exception {
    /** {@code -1121 BAD_SYMBOL}: the pair does not exist on this market. */
    public static final int INVALID_SYMBOL = -1121;

    private final int httpStatus;
    private final Error error;

    public BinanceApiException(String request, int httpStatus, Error error) {
        super(request + " -> HTTP " + httpStatus + ", Binance code " + error.code() + ": " + error.message());
        this.httpStatus = httpStatus;
        this.error = error;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Binance's code, such as -1121; 0 when the body was not a Binance error. */
    public int code() {
        return error.code();
    }

    public String binanceMessage() {
        return error.message();
    }

    public boolean isInvalidSymbol() {
        return error.code() == INVALID_SYMBOL;
    }

    /** Binance's error body {@code {"code":..,"msg":..}}. */
    public record Error(int code, String message) {
    }
}
