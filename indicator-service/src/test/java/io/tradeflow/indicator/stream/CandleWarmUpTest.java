package io.tradeflow.indicator.stream;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.core.testing.RecordedDay;
import io.tradeflow.devstack.DevStackResource;
import io.tradeflow.indicator.cache.CandleHistory;
import io.tradeflow.indicator.domain.SeriesKey;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A series seen for the first time (nothing in the state store) is warmed up from market-data's cached candles. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class CandleWarmUpTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    RedisDataSource redis;

    @Test
    void aNewSeriesIsWarmedUpWithTheCachedCandlesBeforeItsFirstKline() {
        Symbol symbol = Symbol.of("CNDLTESTUSDT");
        List<KlineClosed> klines = RecordedDay.closed(symbol).subList(0, 300);
        int cached = 250;
        var list = redis.list(String.class);
        String key = CandleHistory.key(new SeriesKey(symbol, Interval.ONE_MINUTE));
        // Like market-data: newest last, and it may already hold the kline being processed (it must not count twice).
        klines.subList(0, cached + 1).forEach(kline -> list.rpush(key, EventCodec.encodeToString(kline)));

        TestKafka.send(bootstrap, klines.subList(cached, klines.size()));
        List<IndicatorsComputed> published = TestKafka.snapshots(bootstrap, symbol, klines.size() - cached);

        IndicatorSeries warmed = InProcess.series(symbol, InProcess.DEFAULTS);
        warmed.warmUp(klines.subList(0, cached).stream().map(KlineClosed::kline).toList());
        List<IndicatorsComputed> expected = InProcess.apply(warmed, klines.subList(cached, klines.size()));
        assertThat(InProcess.comparable(published)).containsExactlyElementsOf(InProcess.comparable(expected));
        assertThat(published.getFirst().stable()).isTrue();
        assertThat(published.getFirst().values()).containsKey("sma(200)");
    }
}
