package io.tradeflow.klinefiles;

import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;

/**
 * The rows of several files as one stream in time order: by open time, then symbol, then interval, so that every
 * run over the same files hands over the same sequence. Each file is in time order already, so this holds only
 * one row per file. A malformed row has no time to sort by; it comes out as soon as it is read.
 *
 * <p>Once every row of a file has come out, its {@link FileTally} is available from {@link #pollFinished()}, so that
 * a reader (the replay) can judge the file before it hands over any row read after it.
 */
public final class KlineMerge implements Closeable {
    private static final Comparator<Head> ORDER = Comparator
            .comparingLong((Head head) -> head.row.kline().openTime())
            .thenComparing(head -> head.row.kline().symbol().value())
            .thenComparing(head -> head.row.kline().interval())
            .thenComparingInt(head -> head.fileIndex);

    private final List<KlineCsvReader> readers;
    private final PriorityQueue<Head> heads = new PriorityQueue<>(ORDER);
    /** Malformed rows and ends of files, in the order they were read: a file ends after its last malformed row. */
    private final Queue<Pending> pending = new ArrayDeque<>();
    private final Queue<FileTally> finished = new ArrayDeque<>();

    private record Head(CsvRow.Valid row, KlineCsvReader reader, int fileIndex) {
    }

    private sealed interface Pending {
    }

    private record Bad(CsvRow.Malformed row) implements Pending {
    }

    private record End(KlineCsvReader reader) implements Pending {
    }

    public KlineMerge(List<KlineCsvReader> readers) {
        this.readers = List.copyOf(readers);
        try {
            for (int i = 0; i < this.readers.size(); i++) {
                advance(this.readers.get(i), i);
            }
        } catch (RuntimeException e) {
            // A file refused on its first rows (times in two units): nobody else will close the files.
            try {
                close();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    /**
     * Opens every file and merges them; fails here, before any row is handed out, when one is missing, unreadable,
     * an unusable zip, or refused on its first rows. Check the files' names ({@link KlineFile#of}) and checksums
     * ({@link ChecksumFile#verifyAll}) first.
     */
    public static KlineMerge open(List<KlineFile> files) {
        List<KlineCsvReader> readers = new ArrayList<>();
        try {
            for (KlineFile file : files) {
                readers.add(KlineCsvReader.open(file));
            }
        } catch (RuntimeException e) {
            readers.forEach(KlineCsvReader::close);
            throw e;
        }
        return new KlineMerge(readers);
    }

    /** The next row in time order, or null when every file is read. */
    public CsvRow next() {
        Pending item;
        while ((item = pending.poll()) != null) {
            switch (item) {
                case Bad bad -> {
                    return bad.row();
                }
                case End end -> finished.add(end.reader().tally());
            }
        }
        Head head = heads.poll();
        if (head == null) {
            return null;
        }
        advance(head.reader, head.fileIndex);
        return head.row;
    }

    /**
     * The tally of a file all of whose rows {@link #next()} has handed out, each file once in the order they ended;
     * null when no other file has ended. A file's end is seen at the call of {@code next()} after its last row.
     */
    public FileTally pollFinished() {
        return finished.poll();
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
                case CsvRow.Malformed bad -> pending.add(new Bad(bad));
            }
        }
        pending.add(new End(reader));
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
