package io.tradeflow.marketdata.replay;

/**
 * The replay cannot start: a setting is invalid or names no file. A file that cannot be used is a
 * {@link io.tradeflow.klinefiles.KlineFileException} (the kline-files module reads the files).
 */
public class ReplayException extends RuntimeException {

    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
