package io.tradeflow.marketdata.replay;

import io.tradeflow.core.event.KlineClosed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows of a recorded CSV as text, read independently of the replay's reader, to check events against: every
 * value is compared as the string Binance wrote ({@code 35567} must stay {@code 35567}).
 */
record RecordedRows(List<String[]> rows) {

    /** The data rows with 12 columns; the header and cut rows are left out. */
    static RecordedRows of(Path csv) {
        try {
            return new RecordedRows(Files.readAllLines(csv).stream()
                    .filter(line -> !line.startsWith("open_time"))
                    .map(line -> line.split(","))
                    .filter(columns -> columns.length == 12)
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long openTime(int index) {
        return Long.parseLong(rows.get(index)[0]);
    }

    int size() {
        return rows.size();
    }

    /** Asserts that {@code event} carries exactly the values of row {@code index}. */
    void assertEqual(int index, KlineClosed event) {
        String[] row = rows.get(index);
        String at = "row " + index + " (open_time " + row[0] + ")";
        assertThat(event.openTime()).as(at + " open_time").isEqualTo(Long.parseLong(row[0]));
        assertThat(event.open().toPlainString()).as(at + " open").isEqualTo(row[1]);
        assertThat(event.high().toPlainString()).as(at + " high").isEqualTo(row[2]);
        assertThat(event.low().toPlainString()).as(at + " low").isEqualTo(row[3]);
        assertThat(event.close().toPlainString()).as(at + " close").isEqualTo(row[4]);
        assertThat(event.volume().toPlainString()).as(at + " volume").isEqualTo(row[5]);
        assertThat(event.closeTime()).as(at + " close_time").isEqualTo(Long.parseLong(row[6]));
        assertThat(event.quoteVolume().toPlainString()).as(at + " quote_volume").isEqualTo(row[7]);
        assertThat(event.trades()).as(at + " count").isEqualTo(Long.parseLong(row[8]));
        // A recorded kline happened when it closed.
        assertThat(event.eventTime()).as(at + " eventTime").isEqualTo(Long.parseLong(row[6]));
    }
}
