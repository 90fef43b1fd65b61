package io.tradeflow.klinefiles;

/**
 * A kline file cannot be used: it is missing, unreadable or badly named, does not match its checksum file, or holds
 * rows that cannot all be right (times in two units). The message names the file (and the line where there is one)
 * and says what to do.
 */
public class KlineFileException extends RuntimeException {

    public KlineFileException(String message) {
        super(message);
    }

    public KlineFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
