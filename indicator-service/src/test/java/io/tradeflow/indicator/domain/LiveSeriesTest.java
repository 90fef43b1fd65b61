package io.tradeflow.indicator.domain;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.indicator.IndicatorSeries;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSeriesTest {

    @Test
    void revokingAPartitionDropsItsSeriesOnly() {
        var live = new LiveSeries();
        var btc = new SeriesKey(Symbol.of("BTCUSDT"), Interval.ONE_MINUTE);
        var eth = new SeriesKey(Symbol.of("ETHUSDT"), Interval.ONE_MINUTE);
        live.assigned(List.of(0, 1));
        live.put(0, btc, new IndicatorSeries(btc.symbol(), btc.interval()));
        live.put(1, eth, new IndicatorSeries(eth.symbol(), eth.interval()));

        live.revoked(List.of(0));

        assertThat(live.isAssigned(0)).isFalse();
        assertThat(live.get(btc)).isEmpty();
        assertThat(live.isAssigned(1)).isTrue();
        assertThat(live.get(eth)).isPresent();
    }
}
