package io.tradeflow.benchmarks.execution;

import io.tradeflow.benchmarks.Options;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.OrderUpdated;
import io.tradeflow.core.event.Topics;
import io.tradeflow.core.execution.PaperReplay;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The load generator of {@code scripts/execution-benchmark.sh} (see docs/benchmarks.md, "Execution"): stands in for
 * market-data-service, indicator-service and signal-service in front of a running execution-service.
 *
 * <pre>
 * setup --bootstrap HOST:PORT --rules-file FILE --symbols S1,S2,.. --bots-per-symbol N
 *     writes the symbols' rules (BTCUSDT's) to FILE and their paper bots to bots.v1
 * run --bootstrap HOST:PORT --klines CSV --symbols S1,.. --bots-per-symbol N --rows R --rate K|max --out PREFIX
 *     writes R klines per symbol, with their signals and watermarks, at K klines/s over all symbols or at max
 *     speed; PREFIX-signals.tsv is the manifest of the signals sent, PREFIX-expected.jsonl the order events
 *     execution-service must publish, one JSON per line as on orders.v1 but with producedAt 1 (the moment of
 *     publication is the only field a run may change); prints "name value" lines
 * plan --klines CSV --symbols S1,.. --bots-per-symbol N --rows R
 *     prints the counts of a run without sending anything
 * </pre>
 * Exits 2 on bad arguments, 1 when Kafka fails.
 */
public final class ExecutionLoad {
    private static final String TOOL = "execution-load";
    private static final String USAGE = "ExecutionLoad setup|run|plan --name value ... (see the class's documentation)";

    private ExecutionLoad() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(TOOL, USAGE, Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        if (args.length == 0) {
            options.usage("no command");
        }
        try {
            switch (args[0]) {
                case "setup" -> setup(options);
                case "run" -> run(options, true);
                case "plan" -> run(options, false);
                default -> options.usage("unknown command " + args[0]);
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println(TOOL + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static void setup(Options options) {
        List<Symbol> symbols = symbols(options);
        int perSymbol = options.integer("bots-per-symbol");
        BenchmarkSymbolRules.write(Path.of(options.required("rules-file")), symbols);
        long now = System.currentTimeMillis();
        List<BotDefinition> bots = new ArrayList<>();
        symbols.forEach(symbol -> bots.addAll(BenchmarkBots.of(symbol, perSymbol, now)));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.required("bootstrap"), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (BotDefinition bot : bots) {
                producer.send(new ProducerRecord<>(Topics.BOTS, bot.key(), EventCodec.encode(bot))).get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a bot: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        System.out.println("bots " + bots.size());
    }

    private static void run(Options options, boolean send) {
        LoadPlan plan = LoadPlan.of(RecordedKlines.read(Path.of(options.required("klines"))), symbols(options),
                options.integer("bots-per-symbol"), options.integer("rows"));
        System.out.println("symbols " + plan.symbols().size());
        System.out.println("bots " + plan.bots().size());
        System.out.println("klines " + plan.ticks().size());
        System.out.println("signals " + plan.signals());
        System.out.println("expected_orders " + plan.expected().size());
        if (!send) {
            return;
        }
        String rate = options.required("rate");
        double perSecond = rate.equals("max") ? 0 : Double.parseDouble(rate);
        String prefix = options.required("out");
        writeExpected(Path.of(prefix + "-expected.jsonl"), plan.expected());
        try (LoadWriter writer = new LoadWriter(options.required("bootstrap"), perSecond > 0)) {
            LoadWriter.Written written = writer.write(plan, perSecond, Path.of(prefix + "-signals.tsv"));
            System.out.println("write_ms " + written.tookMillis());
            System.out.println("write_max_lag_ms " + written.maxLagMillis());
        }
    }

    private static void writeExpected(Path file, List<OrderUpdated> orders) {
        List<String> lines = orders.stream().map(o -> EventCodec.encodeToString(PaperReplay.comparable(o))).toList();
        try {
            Files.write(file, lines, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static List<Symbol> symbols(Options options) {
        return Arrays.stream(options.required("symbols").split(",")).map(Symbol::new).toList();
    }
}
