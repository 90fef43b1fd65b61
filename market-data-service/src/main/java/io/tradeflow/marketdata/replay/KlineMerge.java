package io.tradeflow.marketdata.replay;

import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;

/**
 * The rows of several files as one stream in time order: by open time, then symbol, then interval, so that every
 * run over the same files hands over the same sequence. Each file is in time order already, so this holds only
 * one row per file. A malformed row has no time to sort by; it comes out as soon as it is read.
 */
public final class KlineMerge implements Closeable {
    private static final Comparator<Head> ORDER = Comparator
            .comparingLong((Head head) -> head.row.kline().openTime())
            .thenComparing(head -> head.row.kline().symbol().value())
            .thenComparing(head -> head.row.kline().interval())
            .thenComparingInt(head -> head.fileIndex);

    private final List<KlineCsvReader> readers;
    private final PriorityQueue<Head> heads = new PriorityQueue<>(ORDER);
    private final Queue<CsvRow.Malformed> malformed = new ArrayDeque<>();

    private record Head(CsvRow.Valid row, KlineCsvReader reader, int fileIndex) {
    }

    public KlineMerge(List<KlineCsvReader> readers) {
        this.readers = List.copyOf(readers);
        for (int i = 0; i < this.readers.size(); i++) {
            advance(this.readers.get(i), i);
        }
    }

    /** The next row in time order, or null when every file is read. */
    public CsvRow next() {
        if (!malformed.isEmpty()) {
            return malformed.poll();
        }
        Head head = heads.poll();
        if (head == null) {
            return null;
        }
        advance(head.reader, head.fileIndex);
        return head.row;
    }

    /** Share of the files' bytes read, 0 to 1. */
    public double fractionRead() {
        long read = 0;
        long size = 0;
        for (KlineCsvReader reader : readers) {
            read += reader.bytesRead();
            size += reader.size();
        }
        return size == 0 ? 1.0 : Math.min(1.0, (double) read / size);
    }

    private void advance(KlineCsvReader reader, int fileIndex) {
        CsvRow row;
        while ((row = reader.next()) != null) {
            switch (row) {
                case CsvRow.Valid valid -> {
                    heads.add(new Head(valid, reader, fileIndex));
                    return;
                }
                case CsvRow.Malformed bad -> malformed.add(bad);
            }
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (KlineCsvReader reader : readers) {
            try {
                reader.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
