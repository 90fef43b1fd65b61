package io.tradeflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real PostgreSQL server from Zonky's binary build, with one database for Tradeflow. */
final class PostgresServer implements AutoCloseable {
    static final String DATABASE = "tradeflow";
    static final String USER = "tradeflow";
    static final String PASSWORD = "tradeflow";

    private final NativeProcess process;
    private final int port;

    private PostgresServer(NativeProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts PostgreSQL on {@code port} with its data in {@code dataDir}, initialising the folder on first use. */
    static PostgresServer start(Path dataDir, int port, boolean durable) {
        Path home = Binaries.postgres();
        Path log = dataDir.resolveSibling("postgres.log");
        boolean asNobody = NativeProcess.runningAsRoot();
        try {
            Files.createDirectories(dataDir);
            if (asNobody) {
                requireReachableByNobody(dataDir);
            }
            if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
                initdb(home, dataDir, log, asNobody);
            }
        } catch (IOException e) {
            throw new DevStackException("Could not prepare the PostgreSQL folder " + dataDir + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/postgres").toString(), "-D", dataDir.toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "max_connections=200"));
        if (!durable) {
            // Throwaway test data: skipping fsync makes schema migrations and inserts several times faster.
            command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        // INT is PostgreSQL's "fast" shutdown: it does not wait for clients that are still connected.
        NativeProcess process = NativeProcess.start("PostgreSQL", command, log, "INT", true);
        process.awaitPort(port, 60_000);
        PostgresServer server = new PostgresServer(process, port);
        server.createDatabase();
        return server;
    }

    private static void initdb(Path home, Path dataDir, Path log, boolean asNobody) throws IOException {
        Path passwordFile = Files.createTempFile("tradeflow-pg", ".pw");
        try {
            Files.writeString(passwordFile, PASSWORD + "\n");
            if (asNobody) {
                giveToNobody(passwordFile);
                giveToNobody(dataDir);
            }
            NativeProcess.run("initdb", List.of(home.resolve("bin/initdb").toString(), "-D", dataDir.toString(),
                    "-U", USER, "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C"), log, true);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private static void giveToNobody(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, users.lookupPrincipalByName("nobody"));
        Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(users.lookupPrincipalByGroupName("nogroup"));
    }

    /** nobody must be able to walk down to the data folder; a root-owned home folder (mode 700) stops it. */
    private static void requireReachableByNobody(Path dataDir) {
        if (!DataDir.reachableByNobody(dataDir)) {
            throw new DevStackException("As root, PostgreSQL runs as 'nobody', which cannot reach " + dataDir
                    + ". Choose a data folder it can reach, for example --data-dir /var/tmp/tradeflow-devstack,"
                    + " or leave --data-dir out (bin/devstack then picks one).");
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private void createDatabase() {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try (Connection connection = DriverManager.getConnection(adminUrl, USER, PASSWORD)) {
                boolean exists;
                try (var query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    query.setString(1, DATABASE);
                    exists = query.executeQuery().next();
                }
                if (!exists) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + DATABASE);
                    }
                }
                return;
            } catch (SQLException e) {
                // "the database system is starting up" comes after the port opens; anything else is real.
                if (!"57P03".equals(e.getSQLState()) || System.currentTimeMillis() > deadline) {
                    throw new DevStackException("PostgreSQL started but the '" + DATABASE + "' database could not be created: "
                            + e.getMessage() + "\n" + process.tail(), e);
                }
                Pause.sleep(Duration.ofMillis(100));
            }
        }
    }

    @Override
    public void close() {
        process.stop(30_000);
    }
}
