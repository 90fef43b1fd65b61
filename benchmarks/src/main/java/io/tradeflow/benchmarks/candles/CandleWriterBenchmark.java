package io.tradeflow.benchmarks.candles;

import io.tradeflow.benchmarks.Options;
import io.tradeflow.benchmarks.RandomWalk;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 14 (results in docs/benchmarks.md, "Redis candle writer"): market-data-service's Redis candle writer
 * catching up on a backlog, the former design (one EVAL per kline, one round trip each) against the current one
 * (one EVAL per batch of up to 1000 klines, the service's own script) and the pipelined alternative (one EVALSHA
 * per kline, a batch per round trip), one after the other on one real Redis, each from empty lists.
 *
 * <p>Each run writes the same klines (20 series of one-minute klines, interleaved minute by minute) from one
 * thread, encoding each kline to JSON as the service's writer does, and times it; then checks every list holds its
 * newest {@code keep} klines in order and every {@code price:} key the newest close, and that every run left the
 * very same lists (a digest). Also printed: Redis' own time in the scripts ({@code INFO commandstats}) and the
 * longest single round trip, which is how long one call keeps Redis from its other clients.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tradeflow.benchmarks.candles.CandleWriterBenchmark [--name value ...]
 * --redis HOST:PORT   a Redis to use (it is FLUSHALLed!); default: start bin/devstack --ephemeral (free ports,
 *                     thrown away after), which needs the repository's root as the working folder
 * --klines N          200000 in all
 * --series S          20
 * --batch B           1000 klines per batch (the service's CandleStore.BATCH)
 * --keep K            500 klines per list (the service's default)
 * --rounds R          3: all designs one after the other, R times (the first round also warms the JIT up)
 * --script FILE       market-data-service/src/main/resources/io/tradeflow/marketdata/cache/append-klines.lua
 * </pre>
 * Exits 1 when a check fails, 2 on bad options.
 */
public final class CandleWriterBenchmark {
    private static final String TOOL = "candle-writer-benchmark";
    private static final String USAGE = "CandleWriterBenchmark [--redis HOST:PORT] [--klines N] [--series S] [--batch B] "
            + "[--keep K] [--rounds R] [--script FILE]";
    private static final long START = 1_700_006_400_000L;

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(TOOL, USAGE, args);
        int total = Integer.parseInt(options.orDefault("klines", "200000"));
        int series = Integer.parseInt(options.orDefault("series", "20"));
        int batch = Integer.parseInt(options.orDefault("batch", "1000"));
        int keep = Integer.parseInt(options.orDefault("keep", "500"));
        int rounds = Integer.parseInt(options.orDefault("rounds", "3"));
        Path scriptFile = Path.of(options.orDefault("script",
                "market-data-service/src/main/resources/io/tradeflow/marketdata/cache/append-klines.lua"));
        if (!Files.isRegularFile(scriptFile)) {
            options.usage(scriptFile + " is not there: run from the repository's root, or pass --script");
        }
        if (total / series <= keep) {
            options.usage("--klines / --series must be more than --keep, so that every list gets trimmed");
        }
        List<KlineClosed> klines = interleaved(series, total / series);
        Map<String, KlineClosed> newest = new LinkedHashMap<>();
        klines.forEach(kline -> newest.put(CandleWriter.candlesKey(kline), kline));
        List<CandleWriter> writers = List.of(new OneEvalPerKline(keep), new PipelinedEvalPerKline(keep),
                new OneEvalPerBatch(Files.readString(scriptFile), keep));

        String redisOption = options.orDefault("redis", "");
        DevStackRedis devstack = redisOption.isEmpty() ? DevStackRedis.start() : null;
        String host = devstack != null ? devstack.host : redisOption.substring(0, redisOption.lastIndexOf(':'));
        int port = devstack != null ? devstack.port : Integer.parseInt(redisOption.substring(redisOption.lastIndexOf(':') + 1));
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Set<String> digests = new HashSet<>();
        boolean ok = true;
        try (RespConnection redis = new RespConnection(host, port)) {
            System.out.printf("%d klines of %d series, batches of %d, lists of %d; Redis %s at %s:%d; %d cores; JDK %s%n",
                    klines.size(), series, batch, keep, redisVersion(redis), host, port,
                    Runtime.getRuntime().availableProcessors(), Runtime.version());
            for (int round = 1; round <= rounds; round++) {
                for (CandleWriter writer : writers) {
                    redis.call("FLUSHALL");
                    redis.call("CONFIG", "RESETSTAT");
                    writer.prepare(redis);
                    long[] roundTrips = new long[klines.size()];
                    int trips = 0;
                    long started = System.nanoTime();
                    // The former writer takes one kline at a time whatever is queued: slices of one time each round trip.
                    int slice = writer instanceof OneEvalPerKline ? 1 : batch;
                    for (int from = 0; from < klines.size(); from += slice) {
                        long sent = System.nanoTime();
                        writer.write(redis, klines.subList(from, Math.min(from + slice, klines.size())));
                        roundTrips[trips++] = System.nanoTime() - sent;
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long[] scripts = RedisState.scriptCallsAndMicros(redis);
                    String digest;
                    try {
                        digest = RedisState.checkedDigest(redis, newest, keep);
                    } catch (IllegalStateException e) {
                        System.out.printf("round %d, %s: CHECK FAILED: %s%n", round, writer.name(), e.getMessage());
                        ok = false;
                        continue;
                    }
                    digests.add(digest);
                    double rate = klines.size() / seconds;
                    rates.computeIfAbsent(writer.name(), name -> new ArrayList<>()).add(rate);
                    long[] sorted = Arrays.copyOf(roundTrips, trips);
                    Arrays.sort(sorted);
                    System.out.printf("round %d, %-28s %9.0f klines/s (%.2f s); %6d round trips, p50 %.3f ms, max %.1f ms; "
                                    + "Redis in scripts %.2f s (%d calls, %.1f µs/kline); lists %s%n",
                            round, writer.name() + ":", rate, seconds, trips, sorted[trips / 2] / 1e6,
                            sorted[trips - 1] / 1e6, scripts[1] / 1e6, scripts[0], (double) scripts[1] / klines.size(), digest);
                }
            }
        } finally {
            if (devstack != null) {
                devstack.close();
            }
        }
        if (digests.size() > 1) {
            System.out.println("CHECK FAILED: the designs left different lists: " + digests);
            ok = false;
        }
        System.out.printf("%nklines/s per round (%s):%n", ok ? "every check held" : "SOME CHECK FAILED");
        rates.forEach((name, values) -> System.out.printf("  %-28s %s%n", name,
                values.stream().map(rate -> String.format("%.0f", rate)).toList()));
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }

    /** {@code perSeries} one-minute klines of each of {@code series} symbols, minute by minute. */
    private static List<KlineClosed> interleaved(int series, int perSeries) {
        List<KlineClosed[]> walks = new ArrayList<>();
        for (int s = 0; s < series; s++) {
            walks.add(new RandomWalk(perSeries, s).klines(Symbol.of(String.format("CANDLE%02dUSDT", s + 1)), START));
        }
        List<KlineClosed> klines = new ArrayList<>(series * perSeries);
        for (int minute = 0; minute < perSeries; minute++) {
            for (KlineClosed[] walk : walks) {
                klines.add(walk[minute]);
            }
        }
        return klines;
    }

    private static String redisVersion(RespConnection redis) {
        for (String line : ((String) redis.call("INFO", "server")).split("\r\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length());
            }
        }
        return "?";
    }
}
