package io.tradeflow.backtest;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.KlinePrices;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadedKlinesTest {
    private static final long START = 1_704_067_200_000L;

    @Test
    void aPassGivesEachKlinesOwnPricesConvertedOnceAndASliceItsPart() {
        LoadedKlines all = LoadedKlines.of(klines(10));

        List<KlinePrices> first = prices(all);
        List<KlinePrices> second = prices(all);
        assertThat(first).hasSize(10).isEqualTo(all.klines().stream().map(KlinePrices::of).toList());
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).as("kline %d is converted once, for every pass", i).isSameAs(first.get(i));
        }
        assertThat(first.get(3)).isEqualTo(new KlinePrices(100.3, 102.3, 98.3, 101.3, 2.5));

        LoadedKlines slice = all.slice(4, 7);
        assertThat(slice.klines()).isEqualTo(all.klines().subList(4, 7));
        assertThat(prices(slice)).isEqualTo(first.subList(4, 7));
    }

    @Test
    void askedForAnotherKlineThanTheLastOneAPassConvertsIt() {
        LoadedKlines all = LoadedKlines.of(klines(3));
        KlineClosed other = klines(5).getLast();
        try (Klines.Pass pass = all.open()) {
            assertThat(pass.prices(other)).isEqualTo(KlinePrices.of(other));
            pass.next();
            assertThat(pass.prices(other)).isEqualTo(KlinePrices.of(other));
        }
    }

    @Test
    void klinesOutOfMarketTimeAreRefused() {
        List<KlineClosed> backwards = new ArrayList<>(klines(2)).reversed();
        assertThatThrownBy(() -> LoadedKlines.of(backwards)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in market time");
    }

    private static List<KlinePrices> prices(Klines klines) {
        List<KlinePrices> read = new ArrayList<>();
        try (Klines.Pass pass = klines.open()) {
            for (KlineClosed kline = pass.next(); kline != null; kline = pass.next()) {
                read.add(pass.prices(kline));
            }
        }
        return read;
    }

    /** One-minute klines whose prices differ: kline i opens at 100 + i/10. */
    private static List<KlineClosed> klines(int count) {
        List<KlineClosed> klines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long open = START + i * 60_000L;
            BigDecimal base = BigDecimal.valueOf(1000 + i, 1);
            Kline kline = new Kline(Symbol.of("BTCUSDT"), Interval.ONE_MINUTE, open, open + 59_999, base,
                    base.add(BigDecimal.TWO), base.subtract(BigDecimal.TWO), base.add(BigDecimal.ONE),
                    BigDecimal.valueOf(2 + i, 0).divide(BigDecimal.TWO), BigDecimal.TEN, 5);
            klines.add(KlineClosed.of(kline, KlineSource.REPLAY, Market.USD_M, open + 59_999, open + 60_000));
        }
        return klines;
    }
}
