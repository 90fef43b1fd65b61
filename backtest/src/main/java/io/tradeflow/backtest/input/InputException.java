package io.tradeflow.backtest.input;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file the backtest reads cannot be used (kline files, the symbol rules, a range with no kline): the message names
 * the file, and the line where there is one, and says what to do. {@code bin/backtest} exits with 1.
 */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * "Cannot read the {what} {file}: {why}", with why in words: Java's {@link NoSuchFileException} and
     * {@link AccessDeniedException} carry only the path as their message.
     */
    public static InputException cannotRead(String what, Path file, IOException e) {
        String why = switch (e) {
            case NoSuchFileException missing -> "no such file";
            case AccessDeniedException denied -> "permission denied";
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> e.getMessage();
        };
        return new InputException("Cannot read the " + what + " " + file + ": " + why, e);
    }
}
