package io.tradeflow.marketdata.exchange;

/** What arrives on a combined-stream WebSocket. */
public sealed interface BinanceStreamMessage
        permits BinanceKlineMessage, BinanceStreamMessage.CommandAnswered, BinanceStreamMessage.CommandRefused,
        BinanceStreamMessage.OtherEvent {

    /** {@code {"result":null,"id":N}}: a SUBSCRIBE or UNSUBSCRIBE was accepted. */
    record CommandAnswered(long id) implements BinanceStreamMessage {
    }

    /** An error answer to a command, with Binance's code and text. */
    record CommandRefused(long id, int code, String reason) implements BinanceStreamMessage {
    }

    /** A well-formed event this service does not use (another stream type). */
    record OtherEvent(String stream, String eventType) implements BinanceStreamMessage {
    }
}
