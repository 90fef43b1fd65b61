package io.tradeflow.benchmarks.position;

import io.tradeflow.benchmarks.Options;
import io.tradeflow.benchmarks.execution.RecordedKlines;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Symbol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The load generator of {@code scripts/position-benchmark.sh} (see docs/benchmarks.md, "Positions"): stands in for
 * execution-service in front of a running position-service.
 *
 * <pre>
 * run --bootstrap HOST:PORT --klines CSV --symbols S1,S2,.. --bots-per-symbol N --fills F --rate K|max --out PREFIX
 *     writes the order events of F fills to orders.v1, at K fills/s or at max speed; PREFIX-sent.tsv is the manifest
 *     of the events sent, PREFIX-expected.jsonl the PositionChanged events position-service must publish, one JSON
 *     per line as on positions.v1 but with producedAt 1, PREFIX-expected.tsv their "eventId orderEventId" lines;
 *     prints "name value" lines
 * plan --klines CSV --symbols S1,.. --bots-per-symbol N --fills F
 *     prints the counts of a run without sending anything
 * </pre>
 * The bots are the execution benchmark's (per symbol the first N of its four paper strategy variants). Exits 2 on
 * bad arguments, 1 when Kafka fails.
 */
public final class PositionLoad {
    private static final String TOOL = "position-load";
    private static final String USAGE = "PositionLoad run|plan --name value ... (see the class's documentation)";

    private PositionLoad() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(TOOL, USAGE, Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        if (args.length == 0) {
            options.usage("no command");
        }
        try {
            switch (args[0]) {
                case "run" -> run(options, true);
                case "plan" -> run(options, false);
                default -> options.usage("unknown command " + args[0]);
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println(TOOL + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(Options options, boolean send) {
        List<Symbol> symbols = Arrays.stream(options.required("symbols").split(",")).map(Symbol::new).toList();
        int perSymbol = options.integer("bots-per-symbol");
        FillPlan plan = FillPlan.of(RecordedKlines.read(Path.of(options.required("klines"))), symbols, perSymbol,
                options.integer("fills"));
        System.out.println("symbols " + symbols.size());
        System.out.println("bots " + symbols.size() * perSymbol);
        System.out.println("rows " + plan.rows());
        System.out.println("order_events " + plan.orders().size());
        System.out.println("fills " + plan.fills());
        System.out.println("expected_positions " + plan.expected().size());
        if (!send) {
            return;
        }
        String rate = options.required("rate");
        double perSecond = rate.equals("max") ? 0 : Double.parseDouble(rate);
        String prefix = options.required("out");
        write(Path.of(prefix + "-expected.jsonl"), plan.expected().stream()
                .map(e -> EventCodec.encodeToString(e.event())).toList());
        write(Path.of(prefix + "-expected.tsv"), plan.expected().stream()
                .map(e -> e.event().eventId() + "\t" + e.orderEventId()).toList());
        try (FillWriter writer = new FillWriter(options.required("bootstrap"), perSecond > 0)) {
            FillWriter.Written written = writer.write(plan, perSecond, Path.of(prefix + "-sent.tsv"));
            System.out.println("write_ms " + written.tookMillis());
            System.out.println("write_max_lag_ms " + written.maxLagMillis());
        }
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
