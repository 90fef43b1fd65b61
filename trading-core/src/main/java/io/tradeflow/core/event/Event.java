package io.tradeflow.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Everything that travels on a Tradeflow topic. The set is closed so a consumer's {@code switch} over events is
 * checked for completeness by the compiler.
 *
 * <p>Every event id is derived from the event's own fields, so a redelivered or re-produced event has the same id
 * and consumers can recognise duplicates.
 */
public sealed interface Event
        permits KlineClosed, IndicatorsComputed, SignalGenerated, SignalWatermark, OrderUpdated, PositionChanged,
        BotDefinition {

    /** The schema version every event of the {@code .v1} topics is written with. */
    int SCHEMA_VERSION = 1;

    @JsonProperty("eventId")
    String eventId();

    /** The discriminator in JSON: the simple class name, e.g. {@code KlineClosed}. */
    @JsonProperty("eventType")
    default String eventType() {
        return getClass().getSimpleName();
    }

    @JsonProperty("schemaVersion")
    default int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** When it happened, epoch ms: exchange time for market data. */
    long eventTime();

    /** When the producing service wrote it, epoch ms. */
    long producedAt();

    /** The Kafka record key: the symbol, so one symbol's events stay in order (the bot id for bots). */
    String key();
}
