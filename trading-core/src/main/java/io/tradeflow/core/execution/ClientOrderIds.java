package io.tradeflow.core.execution;

import io.tradeflow.core.domain.OrderRole;
import io.tradeflow.core.event.BotDefinition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The clientOrderId of the order a signal causes in a role: {@code tf-{28 hex}-{E|SL|TP|X}}, where the hex is the
 * first 112 bits of SHA-256 over the signal id ({@code {botId}-{SYMBOL}-{interval}-{klineOpenTime}}). Always 34
 * characters, whatever the length of the bot id, so it fits Binance's {@code newClientOrderId} and
 * {@code clientAlgoId} pattern {@code ^[.A-Z:/a-z0-9_-]{1,36}$} (USD-M "New Order" docs). Deterministic: a signal
 * redelivered any number of times maps to the same id per role, which is what makes placement idempotent (the
 * intent's primary key here; Binance refuses a duplicate open clientOrderId with -4116).
 *
 * <p>The exit that closes the position of a bot stopped with {@code closePosition} has no signal: its id is the
 * same form over {@code {botId}-close-{producedAt}} of that definition version ({@link #ofClose}), which no signal id
 * can equal (a signal id has an interval code where this has {@code close}).
 *
 * <p>112 bits: a collision needs about 2^56 signals, far beyond any account's lifetime of orders.
 */
public final class ClientOrderIds {

    /** Binance's rule for client order ids (USD-M New Order, {@code newClientOrderId}). */
    public static final Pattern BINANCE_PATTERN = Pattern.compile("^[.A-Z:/a-z0-9_-]{1,36}$");
    private static final int HEX_DIGITS = 28;
    private static final MessageDigest SHA_256 = newSha256();
    private static final HexFormat HEX = HexFormat.of();

    private ClientOrderIds() {
    }

    /** The id of the order {@code signalId} causes in {@code role}. */
    public static String of(String signalId, OrderRole role) {
        return "tf-" + digest(signalId).substring(0, HEX_DIGITS) + "-" + code(role);
    }

    /** The id of the EXIT that closes the position of a bot stopped with {@code closePosition}, once per version. */
    public static String ofClose(BotDefinition stopped) {
        return of(stopped.botId() + "-close-" + stopped.producedAt(), OrderRole.EXIT);
    }

    /** E (entry), SL (stop-loss), TP (take-profit), X (exit). */
    public static String code(OrderRole role) {
        return switch (role) {
            case ENTRY -> "E";
            case STOP_LOSS -> "SL";
            case TAKE_PROFIT -> "TP";
            case EXIT -> "X";
        };
    }

    private static String digest(String text) {
        return HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A fresh SHA-256: cloned from a prototype, cheaper than a provider lookup per order (a backtest makes many). */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
