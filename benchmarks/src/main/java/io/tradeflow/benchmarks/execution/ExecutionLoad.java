package io.tradeflow.benchmarks.execution;

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
import java.util.HashMap;
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

    private ExecutionLoad() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            usage("no command");
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        try {
            switch (args[0]) {
                case "setup" -> setup(options);
                case "run" -> run(options, true);
                case "plan" -> run(options, false);
                default -> usage("unknown command " + args[0]);
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println("execution-load: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void setup(Map<String, String> options) {
        List<Symbol> symbols = symbols(options);
        int perSymbol = integer(options, "bots-per-symbol");
        BenchmarkSymbolRules.write(Path.of(required(options, "rules-file")), symbols);
        long now = System.currentTimeMillis();
        List<BotDefinition> bots = new ArrayList<>();
        symbols.forEach(symbol -> bots.addAll(BenchmarkBots.of(symbol, perSymbol, now)));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, required(options, "bootstrap"), ProducerConfig.ACKS_CONFIG, "all"),
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

    private static void run(Map<String, String> options, boolean send) {
        LoadPlan plan = LoadPlan.of(RecordedKlines.read(Path.of(required(options, "klines"))), symbols(options),
                integer(options, "bots-per-symbol"), integer(options, "rows"));
        System.out.println("symbols " + plan.symbols().size());
        System.out.println("bots " + plan.bots().size());
        System.out.println("klines " + plan.ticks().size());
        System.out.println("signals " + plan.signals());
        System.out.println("expected_orders " + plan.expected().size());
        if (!send) {
            return;
        }
        String rate = required(options, "rate");
        double perSecond = rate.equals("max") ? 0 : Double.parseDouble(rate);
        String prefix = required(options, "out");
        writeExpected(Path.of(prefix + "-expected.jsonl"), plan.expected());
        try (LoadWriter writer = new LoadWriter(required(options, "bootstrap"), perSecond > 0)) {
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

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static List<Symbol> symbols(Map<String, String> options) {
        return Arrays.stream(required(options, "symbols").split(",")).map(Symbol::new).toList();
    }

    private static int integer(Map<String, String> options, String name) {
        try {
            return Integer.parseInt(required(options, name));
        } catch (NumberFormatException e) {
            usage("--" + name + " must be an integer");
            return 0;
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            usage("missing --" + name);
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("execution-load: " + problem);
        System.err.println("usage: ExecutionLoad setup|run|plan --name value ... (see the class's documentation)");
        System.exit(2);
    }
}
