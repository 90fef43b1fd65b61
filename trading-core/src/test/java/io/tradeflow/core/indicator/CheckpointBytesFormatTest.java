package io.tradeflow.core.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.KlineSource;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.testing.RecordedDay;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The binary checkpoint format must not change (issue 14): state stores and changelog topics of running installations
 * hold it. The fast writer is checked byte for byte against the {@link DataOutputStream} writer it replaced, kept
 * here as {@link #reference}.
 */
class CheckpointBytesFormatTest {

    private static final Symbol BTC = new Symbol("BTCUSDT");
    private static final List<Kline> DAY = RecordedDay.klines(BTC);
    /** Every kind {@link Indicators} accepts, two Bollinger multipliers (one with a fraction in its name). */
    private static final List<String> EVERY_KIND = List.of("sma(21)", "sma(200)", "ema(50)", "rsi(14)", "atr(14)",
            "highest(20)", "lowest(10)", "pivothigh(10)", "pivotlow(5)", "macd(12,26,9)", "bb(20,2)", "bb(20,2.5)");

    /** The writer of the format before issue 14, verbatim: what every stored checkpoint was written with. */
    private static byte[] reference(IndicatorSeries.Checkpoint checkpoint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 48 * checkpoint.states().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(checkpoint.lastOpenTime());
            out.writeInt(checkpoint.states().size());
            for (Map.Entry<String, double[]> state : checkpoint.states().entrySet()) {
                out.writeUTF(state.getKey());
                out.writeInt(state.getValue().length);
                for (double value : state.getValue()) {
                    out.writeDouble(value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static IndicatorSeries series(int klines) {
        IndicatorSeries series = new IndicatorSeries(BTC, Interval.ONE_MINUTE);
        series.require(EVERY_KIND);
        for (Kline kline : DAY.subList(0, klines)) {
            KlineClosed closed = KlineClosed.of(kline, KlineSource.REPLAY, Market.USD_M, kline.closeTime() + 5,
                    kline.closeTime() + 7);
            assertThat(series.apply(closed, kline.closeTime() + 9).duplicate()).isFalse();
        }
        return series;
    }

    private static void assertSameBytesAsTheReferenceAndReadBack(IndicatorSeries series) {
        IndicatorSeries.Checkpoint checkpoint = series.checkpoint();
        byte[] expected = reference(checkpoint);

        assertThat(series.checkpointBytes()).as("checkpointBytes()").isEqualTo(expected);
        assertThat(CheckpointBytes.write(checkpoint)).as("write(checkpoint)").isEqualTo(expected);
        assertThat(CheckpointBytes.read(expected)).isEqualTo(checkpoint);
        assertThat(series.checkpoint()).as("taking the bytes changed nothing").isEqualTo(checkpoint);
    }

    @Test
    void everyIndicatorKindBeforeAnyKlineWithItsNaNStatesIsWrittenAsBefore() {
        IndicatorSeries series = series(0);
        assertThat(series.lastOpenTime()).isEqualTo(IndicatorSeries.NO_KLINE);
        assertThat(series.checkpoint().states()).hasSize(EVERY_KIND.size());
        assertThat(series.checkpoint().states().values()).as("not vacuous: NaN in the states")
                .anyMatch(state -> Arrays.stream(state).anyMatch(Double::isNaN));

        assertSameBytesAsTheReferenceAndReadBack(series);
    }

    @Test
    void everyIndicatorKindPartlyWarmedFullyWarmedAndAfterADayIsWrittenAsBefore() {
        for (int klines : List.of(1, 3, 20, 199, 200, 300, DAY.size())) {
            IndicatorSeries series = series(klines);
            assertSameBytesAsTheReferenceAndReadBack(series);
            if (klines >= 200) {
                assertThat(series.isStable()).as("warmed after %d klines", klines).isTrue();
            }
        }
    }

    @Test
    void aSeriesWithoutIndicatorsIsTheThirteenByteHeader() {
        IndicatorSeries empty = new IndicatorSeries(BTC, Interval.ONE_HOUR);

        assertSameBytesAsTheReferenceAndReadBack(empty);
        assertThat(empty.checkpointBytes()).hasSize(13);
    }

    @Test
    void theFormatIsTheDocumentedOneByteForByte() {
        IndicatorSeries.Checkpoint checkpoint = new IndicatorSeries.Checkpoint(0x0102030405060708L,
                Map.of("sma(1)", new double[] {1.0, -2.5}));

        byte[] expected = ByteBuffer.allocate(13 + 2 + 6 + 4 + 16)
                .put((byte) 1).putLong(0x0102030405060708L).putInt(1)
                .putShort((short) 6).put(new byte[] {'s', 'm', 'a', '(', '1', ')'})
                .putInt(2).putLong(0x3FF0000000000000L).putLong(0xC004000000000000L)
                .array();
        assertThat(CheckpointBytes.write(checkpoint)).isEqualTo(expected).isEqualTo(reference(checkpoint));
    }

    @Test
    void everyNaNIsWrittenAsTheCanonicalNaNLikeDataOutputStreamAndOtherSpecialValuesKeepTheirBits() {
        double[] specials = {Double.longBitsToDouble(0xFFF8000000000000L), Double.longBitsToDouble(0x7FF0000000000001L),
                Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                -Double.MAX_VALUE, 35_000.1};
        IndicatorSeries.Checkpoint checkpoint = new IndicatorSeries.Checkpoint(-1, Map.of("x", specials));

        byte[] written = CheckpointBytes.write(checkpoint);

        assertThat(written).isEqualTo(reference(checkpoint));
        assertThat(ByteBuffer.wrap(written, 13 + 3 + 4, 8).getLong()).as("the x86 default NaN, sign bit set")
                .isEqualTo(0x7FF8000000000000L);
        double[] read = CheckpointBytes.read(written).state("x");
        assertThat(Double.doubleToRawLongBits(read[3])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(read).containsExactly(specials);
    }

    @Test
    void namesOutsidePlainAsciiAreWrittenInDataOutputStreamsModifiedUtf8() {
        Map<String, double[]> states = new LinkedHashMap<>();
        states.put("", new double[0]);
        states.put("nul\0char", new double[] {1});
        states.put("café", new double[] {2});
        states.put("€uro", new double[] {3});
        states.put("clef \uD834\uDD1E", new double[] {4, 5});
        states.put("sma(21)", new double[] {6});
        IndicatorSeries.Checkpoint checkpoint = new IndicatorSeries.Checkpoint(42, states);

        byte[] written = CheckpointBytes.write(checkpoint);

        assertThat(written).isEqualTo(reference(checkpoint));
        assertThat(CheckpointBytes.read(written)).isEqualTo(checkpoint);
        assertThat(CheckpointBytes.read(written).states().keySet()).containsExactlyElementsOf(checkpoint.states().keySet());
    }

    @Test
    void aNameLongerThanModifiedUtf8AllowsIsRefusedWithItsLength() {
        IndicatorSeries.Checkpoint checkpoint = new IndicatorSeries.Checkpoint(0,
                Map.of("x".repeat(65_536), new double[0]));

        assertThatThrownBy(() -> CheckpointBytes.write(checkpoint)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536 chars");
        IndicatorSeries.Checkpoint longest = new IndicatorSeries.Checkpoint(0, Map.of("x".repeat(65_535), new double[0]));
        assertThat(CheckpointBytes.write(longest)).isEqualTo(reference(longest));
    }

    @Test
    void aWrongFormatByteIsRefused() {
        byte[] bytes = series(0).checkpointBytes();
        bytes[0] = 9;

        assertThatThrownBy(() -> CheckpointBytes.read(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 9 is not 1");
        assertThatThrownBy(() -> CheckpointBytes.read("{\"lastOpenTime\":1}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
    }

    @Test
    void everyTruncationIsRefusedSayingWhatIsMissing() {
        byte[] whole = series(300).checkpointBytes();

        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> CheckpointBytes.read(cut)).as("cut to %d of %d bytes", length, whole.length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        }
        assertThatThrownBy(() -> CheckpointBytes.read(new byte[0])).hasMessageContaining("the format byte");
        assertThatThrownBy(() -> CheckpointBytes.read(Arrays.copyOf(whole, 20))).hasMessageContaining("name");
    }

    @Test
    void bytesLeftOverAreRefused() {
        byte[] whole = series(300).checkpointBytes();

        assertThatThrownBy(() -> CheckpointBytes.read(Arrays.copyOf(whole, whole.length + 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 bytes left");
    }

    @Test
    void negativeOrOversizedCountsAreRefusedWithoutAllocatingThem() {
        byte[] negativeCount = ByteBuffer.allocate(13).put((byte) 1).putLong(0).putInt(-1).array();
        assertThatThrownBy(() -> CheckpointBytes.read(negativeCount)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("indicator count is -1");

        byte[] negativeLength = ByteBuffer.allocate(13 + 3 + 4).put((byte) 1).putLong(0).putInt(1)
                .putShort((short) 1).put((byte) 'x').putInt(Integer.MIN_VALUE).array();
        assertThatThrownBy(() -> CheckpointBytes.read(negativeLength)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state length of x is -2147483648");

        byte[] hugeLength = ByteBuffer.allocate(13 + 3 + 4).put((byte) 1).putLong(0).putInt(1)
                .putShort((short) 1).put((byte) 'x').putInt(Integer.MAX_VALUE).array();
        assertThatThrownBy(() -> CheckpointBytes.read(hugeLength)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated: 2147483647 state values of x");

        byte[] hugeCount = ByteBuffer.allocate(13).put((byte) 1).putLong(0).putInt(Integer.MAX_VALUE).array();
        assertThatThrownBy(() -> CheckpointBytes.read(hugeCount)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void aNameThatIsNotModifiedUtf8IsRefused() {
        // 0xC3 starts a two-byte sequence; 0x28 cannot continue it.
        byte[] bytes = ByteBuffer.allocate(13 + 4 + 4).put((byte) 1).putLong(0).putInt(1)
                .putShort((short) 2).put((byte) 0xC3).put((byte) 0x28).putInt(0).array();

        assertThatThrownBy(() -> CheckpointBytes.read(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modified UTF-8");
    }
}
