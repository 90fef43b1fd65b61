package io.tradeflow.position.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code tradeflow.position.*}: every key has a default; README.md lists them. */
@ConfigMapping(prefix = "tradeflow.position")
public interface PositionConfig {

    /**
     * A fee charged in another asset than the margin asset (BNB) is converted at Redis' {@code price:{ASSET}{MARGIN}}
     * only while the fill is at most this old: later (a backlog, a restart) the price read would not be the price at
     * fill time, and the fee is reported apart instead.
     */
    @WithDefault("60s")
    Duration feePriceMaxAge();

    /**
     * After a restart, how many of the newest records of each positions.v1 partition are read to learn which events
     * of a redelivered fill Kafka already has (so none is published twice).
     */
    @WithDefault("5000")
    int tailRecordsPerPartition();

    /** The largest page the REST API returns. */
    @WithDefault("500")
    int maxPageSize();
}
