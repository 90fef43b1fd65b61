package io.tradeflow.devstack;

import io.tradeflow.core.event.Topics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/devstack}: starts Kafka, PostgreSQL and Redis on their usual ports until Ctrl-C or SIGTERM.
 *
 * <p>With {@code --ephemeral} it is the process a test JVM starts: free ports, a temporary folder, one
 * {@code DEVSTACK-READY} line on stdout, and it stops when its standard input closes (that is, when the test JVM
 * ends, even if that JVM was killed). Until then it takes commands, a line each on stdin: {@code restart-kafka}
 * restarts the broker and answers on stdout ({@link DevStackProcess#restartKafka()}).
 */
public final class DevStackMain {
    private static final String USAGE = """
            Usage: bin/devstack [options]
              --data-dir DIR               where the three servers keep their data (default .devstack; as root,
                                           when PostgreSQL could not reach that: /var/tmp/tradeflow-devstack-<hash>)
              --kafka-port N               Kafka client port (default 9092)
              --kafka-controller-port N    Kafka KRaft controller port (default 9093)
              --postgres-port N            PostgreSQL port (default 5432)
              --redis-port N               Redis port (default 6379)
              --partitions N               partitions of every topic (default 6)
              --ephemeral                  free ports, temporary data, stop when stdin closes (used by tests);
                                           a line "restart-kafka" on stdin restarts the broker
            """;

    private DevStackMain() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (DevStackException e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) {
        Path dataDir = null;
        DevStackOptions defaults = DevStackOptions.local(Path.of(".devstack"));
        int kafka = defaults.kafkaPort();
        int controller = defaults.kafkaControllerPort();
        int postgres = defaults.postgresPort();
        int redis = defaults.redisPort();
        int partitions = defaults.partitions();
        boolean ephemeral = false;
        for (Iterator<String> it = Arrays.asList(args).iterator(); it.hasNext(); ) {
            String arg = it.next();
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(value(arg, it));
                case "--kafka-port" -> kafka = number(arg, it);
                case "--kafka-controller-port" -> controller = number(arg, it);
                case "--postgres-port" -> postgres = number(arg, it);
                case "--redis-port" -> redis = number(arg, it);
                case "--partitions" -> partitions = number(arg, it);
                case "--ephemeral" -> ephemeral = true;
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> throw new DevStackException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (ephemeral) {
            runForTests(partitions);
        } else {
            if (dataDir == null) {
                dataDir = DataDir.defaultFor(Path.of(""), NativeProcess.runningAsRoot(), DataDir::reachableByNobody);
                if (!dataDir.endsWith(".devstack")) {
                    System.out.println("As root, PostgreSQL runs as 'nobody', which cannot enter this folder: the data"
                            + " goes to " + dataDir + " instead (--data-dir chooses another).");
                }
            }
            runLocally(new DevStackOptions(dataDir.toAbsolutePath(), true, kafka, controller, redis, postgres, partitions));
        }
    }

    private static void runLocally(DevStackOptions options) {
        DevStack.requirePortsFree(options);
        System.out.println("Starting Kafka, PostgreSQL and Redis (data in " + options.dataDir() + ") ...");
        long started = System.nanoTime();
        DevStack stack = DevStack.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the devstack ...");
            stack.close();
            System.out.println("Stopped: Kafka, PostgreSQL and Redis are down and their ports are free.");
            stopped.countDown();
        }, "devstack-stop"));
        Endpoints e = stack.endpoints();
        System.out.printf("""
                Tradeflow devstack is up in %.1f s.
                  Kafka       %s   topics %s and their .dlq, %d partitions each (%s compacted)
                  PostgreSQL  %s   user %s, password %s   (psql -h 127.0.0.1 -p %d -U %s %s)
                  Redis       %s   (redis-cli -p %d)
                Logs and data: %s
                Press Ctrl-C to stop.
                """, (System.nanoTime() - started) / 1e9,
                e.kafkaBootstrapServers(), String.join(", ", Topics.ALL), options.partitions(), String.join(", ", Topics.COMPACTED),
                e.jdbcUrl(), e.username(), e.password(), options.postgresPort(), e.username(), PostgresServer.DATABASE,
                e.redisUrl(), options.redisPort(), options.dataDir());
        awaitQuietly(stopped);
    }

    private static void runForTests(int partitions) {
        DevStack stack = DevStack.start(DevStackOptions.throwaway(partitions));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-stop"));
        System.out.println(stack.endpoints().readyLine());
        System.out.flush();
        // Commands from the test JVM, a line each; the end of input (the test JVM closed the pipe or ended) stops.
        try (var commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String command; (command = commands.readLine()) != null; ) {
                if (command.equals(DevStackProcess.RESTART_KAFKA)) {
                    restartKafka(stack);
                } else {
                    System.out.println(DevStackProcess.KAFKA_RESTART_FAILED + "unknown command '" + command
                            + "' (known: " + DevStackProcess.RESTART_KAFKA + ")");
                    System.out.flush();
                }
            }
        } catch (IOException closed) {
            // same as end of input
        }
        System.exit(0);
    }

    private static void restartKafka(DevStack stack) {
        try {
            stack.restartKafka();
            System.out.println(DevStackProcess.KAFKA_RESTARTED);
        } catch (Exception | Error e) {
            System.out.println(DevStackProcess.KAFKA_RESTART_FAILED + String.valueOf(e).replace('\n', ' '));
        }
        System.out.flush();
    }

    private static String value(String option, Iterator<String> it) {
        if (!it.hasNext()) {
            throw new DevStackException(option + " needs a value\n" + USAGE);
        }
        return it.next();
    }

    private static int number(String option, Iterator<String> it) {
        String value = value(option, it);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new DevStackException(option + " needs a number, got '" + value + "'");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
