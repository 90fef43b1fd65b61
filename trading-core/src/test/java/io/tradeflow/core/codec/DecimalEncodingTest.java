package io.tradeflow.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradeflow.core.event.GoldenEvents;
import io.tradeflow.core.event.KlineClosed;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalEncodingTest {

    @Test
    void decimalsKeepTheirDigitsAndScale() {
        KlineClosed kline = GoldenEvents.event(KlineClosed.class);

        assertThat(kline.high()).isEqualTo(new BigDecimal("35567"));
        assertThat(kline.open()).isEqualTo(new BigDecimal("35559.10"));
        assertThat(kline.quoteVolume()).isEqualTo(new BigDecimal("6983542.53060"));
        assertThat(EventCodec.encodeToString(kline))
                .contains("\"high\":\"35567\"", "\"open\":\"35559.10\"", "\"quoteVolume\":\"6983542.53060\"");
    }

    @Test
    void smallDecimalsStayPlainWithTrailingZeros() {
        KlineClosed kline = withVolume("0.0010");

        assertThat(EventCodec.encodeToString(kline)).contains("\"volume\":\"0.0010\"");
    }

    @Test
    void exponentNotationIsReadButWrittenPlain() {
        KlineClosed kline = withVolume("1E+3");

        assertThat(EventCodec.encodeToString(kline)).contains("\"volume\":\"1000\"");
    }

    @Test
    void jsonNumbersAreReadExactly() {
        ObjectNode json = GoldenEvents.tree(KlineClosed.class);
        String text = json.toString()
                .replace("\"open\":\"35559.10\"", "\"open\":35559.10")
                .replace("\"volume\":\"196.425\"", "\"volume\":0.0010");

        KlineClosed kline = EventCodec.decode(text, KlineClosed.class);

        assertThat(kline.open().toPlainString()).isEqualTo("35559.10");
        assertThat(kline.volume().toPlainString()).isEqualTo("0.0010");
    }

    @Test
    void timesAreIntegers() {
        assertThat(EventCodec.encodeToString(GoldenEvents.event(KlineClosed.class)))
                .contains("\"openTime\":1700006400000", "\"trades\":1925", "\"schemaVersion\":1");
    }

    private static KlineClosed withVolume(String volume) {
        return EventCodec.decode(GoldenEvents.tree(KlineClosed.class).put("volume", volume).toString(),
                KlineClosed.class);
    }
}
