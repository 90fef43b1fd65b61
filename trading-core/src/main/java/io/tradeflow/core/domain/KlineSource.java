package io.tradeflow.core.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a kline came from: the live exchange or recorded history. */
public enum KlineSource {
    BINANCE("binance"),
    REPLAY("replay");

    private final String code;

    KlineSource(String code) {
        this.code = code;
    }

    /** The lower-case form used in JSON and configuration. */
    @JsonValue
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
