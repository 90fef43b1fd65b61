package io.tradeflow.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a native server binary (postgres, redis-server) as a child of this JVM.
 *
 * <p>Two Linux details shape it. PostgreSQL refuses to run as root, and CI machines run as root: there it is
 * started through {@code setpriv} as {@code nobody}. And a child must not outlive a JVM that is killed: {@code setpriv
 * --pdeathsig} asks the kernel to signal it when its parent thread dies, so every process is started from one
 * long-lived launcher thread rather than from whichever thread happened to ask.
 */
final class NativeProcess {
    static final int NOBODY = 65534;
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "devstack-launcher");
        thread.setDaemon(true);
        return thread;
    });

    private final String name;
    private final Process process;
    private final Path log;
    private final String stopSignal;

    private NativeProcess(String name, Process process, Path log, String stopSignal) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopSignal = stopSignal;
    }

    static boolean runningAsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /**
     * Starts {@code command}, appending its output to {@code log}. {@code stopSignal} (TERM, INT, ...) is the signal
     * that makes this server shut down cleanly and at once; it is also the one sent if this JVM dies.
     */
    static NativeProcess start(String name, List<String> command, Path log, String stopSignal, boolean asNobodyIfRoot) {
        List<String> full = wrap(command, stopSignal, asNobodyIfRoot && runningAsRoot());
        try {
            Files.createDirectories(log.getParent());
            Process process = LAUNCHER.submit(() -> new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start()).get();
            return new NativeProcess(name, process, log, stopSignal);
        } catch (Exception e) {
            throw new DevStackException("Could not start " + name + " (" + String.join(" ", full) + "): " + e.getMessage(), e);
        }
    }

    /** Runs a short command to completion, failing with its output when it does not exit 0. */
    static void run(String name, List<String> command, Path log, boolean asNobodyIfRoot) {
        NativeProcess step = start(name, command, log, "TERM", asNobodyIfRoot);
        try {
            if (!step.process.waitFor(2, TimeUnit.MINUTES)) {
                step.process.destroyForcibly();
                throw new DevStackException(name + " did not finish within 2 minutes; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException(name + " was interrupted", e);
        }
        if (step.process.exitValue() != 0) {
            throw new DevStackException(name + " failed with exit code " + step.process.exitValue() + ":\n" + step.tail());
        }
    }

    private static List<String> wrap(List<String> command, String stopSignal, boolean asNobody) {
        if (!Files.isExecutable(SETPRIV)) {
            if (asNobody) {
                throw new DevStackException("Running as root needs " + SETPRIV + " (util-linux) to start servers as nobody.");
            }
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "SIG" + stopSignal));
        if (asNobody) {
            wrapped.addAll(List.of("--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        wrapped.addAll(command);
        return wrapped;
    }

    /** Waits until the process accepts TCP connections on {@code port}, or fails with the end of its log. */
    void awaitPort(int port, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new DevStackException(name + " exited with code " + process.exitValue() + " while starting:\n" + tail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Pause.sleep(Duration.ofMillis(50));
            }
        }
        throw new DevStackException(name + " did not open port " + port + " within " + timeoutMillis + " ms:\n" + tail());
    }

    /** Sends the stop signal and waits for the process; kills it if it does not stop in time. */
    void stop(long timeoutMillis) {
        if (!process.isAlive()) {
            return;
        }
        signal(stopSignal);
        try {
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
