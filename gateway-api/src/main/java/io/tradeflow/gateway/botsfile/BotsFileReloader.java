package io.tradeflow.gateway.botsfile;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.tradeflow.gateway.bots.Bots;
import io.tradeflow.gateway.botsfile.BotsFileParser.Parsed;
import io.tradeflow.gateway.config.GatewayConfig;
import io.tradeflow.gateway.query.OpenPositions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Loads the bots file a second after start and applies it again whenever its content changes (checked by checksum every
 * {@code bots-file-check-interval}; a checksum instead of file events, because editors and Kubernetes ConfigMaps
 * replace files in ways file watchers miss). Valid entries are created or updated, bots the file no longer names are
 * deleted (once flat: one holding a position is stopped and its position closed first); an invalid entry leaves its
 * bot as it was, and an unusable file (bad YAML, missing) changes nothing.
 */
@ApplicationScoped
public class BotsFileReloader {
    private static final Logger LOG = Logger.getLogger(BotsFileReloader.class);

    private final GatewayConfig config;
    private final Bots bots;
    private final OpenPositions openPositions;
    /** Bots whose pending removal was logged, so a check every 2 s does not repeat it. */
    private final Set<String> warned = new HashSet<>();
    private volatile BotsFileStatus status;
    private String appliedChecksum;

    public BotsFileReloader(GatewayConfig config, Bots bots, OpenPositions openPositions, MeterRegistry registry) {
        this.config = config;
        this.bots = bots;
        this.openPositions = openPositions;
        this.status = new BotsFileStatus(null, null, null, null, null, List.of());
        Gauge.builder("tradeflow.gateway.bots.file.errors", this, BotsFileReloader::errors)
                .description("Entries of the bots file not applied, plus 1 when the whole file is unusable")
                .register(registry);
    }

    private double errors() {
        BotsFileStatus now = status;
        return (now.error() == null ? 0 : 1) + now.bots().stream().filter(e -> e.outcome().equals("invalid")).count();
    }

    // The first check runs a second after start, not in a StartupEvent: then the bots.v1 channel is connected and the
    // applied bots are published at once.
    @Scheduled(every = "${tradeflow.gateway.bots-file-check-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void check() {
        if (config.botsFile().isEmpty()) {
            return;
        }
        Path file = config.botsFile().get();
        long now = System.currentTimeMillis();
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            unusable(file, now, null, "file not found: " + file.toAbsolutePath());
            return;
        } catch (IOException e) {
            unusable(file, now, null, "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
            return;
        }
        String checksum = BotsFileParser.checksum(content);
        if (checksum.equals(appliedChecksum)) {
            status = new BotsFileStatus(status.file(), now, status.appliedAt(), checksum, null, status.bots());
            return;
        }
        try {
            apply(file, BotsFileParser.parse(content, now), checksum, now);
        } catch (BotsFileParser.Unusable e) {
            unusable(file, now, checksum, e.getMessage());
        } catch (RuntimeException e) {
            // PostgreSQL or Kafka unreachable: nothing is marked applied, so the next check tries again.
            LOG.warnf("Bots file %s not applied yet (%s); retrying", file, e.toString());
        }
    }

    /** What the last check of the bots file found. */
    public BotsFileStatus status() {
        return status;
    }

    private void apply(Path file, List<Parsed> entries, String checksum, long now) {
        List<BotsFileStatus.Entry> lines = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (Parsed entry : entries) {
            if (entry.botId() != null) {
                named.add(entry.botId());
            }
            lines.add(entry.definition() == null ? invalid(file, entry.botId(), entry.errors()) : applied(file, entry));
        }
        boolean complete = true;
        for (String botId : bots.fileBotIds()) {
            if (!named.contains(botId)) {
                BotsFileStatus.Entry removal = remove(file, botId);
                complete &= !removal.outcome().equals("kept");
                lines.add(removal);
            }
        }
        bots.publishPending();
        // A removal position-service could not confirm is tried again at the next check.
        appliedChecksum = complete ? checksum : null;
        status = new BotsFileStatus(file.toString(), now, now, checksum, null, List.copyOf(lines));
    }

    /**
     * A bot the file no longer names: deleted when flat; when it holds a position, stopped with closePosition and
     * deleted once flat (as a REST DELETE with closePosition); kept when position-service cannot tell.
     */
    private BotsFileStatus.Entry remove(Path file, String botId) {
        try {
            if (openPositions.of(botId) == 0) {
                if (bots.removeFromFile(botId)) {
                    LOG.infof("Bots file %s: bot %s removed", file, botId);
                }
                return new BotsFileStatus.Entry(botId, "removed", List.of());
            }
            if (!bots.find(botId).map(Bots.Stored::deleteRequested).orElse(true)) {
                bots.removeFromFileWhenFlat(botId);
                LOG.infof("Bots file %s: bot %s stopped, closing its position; removed once flat", file, botId);
            }
            return new BotsFileStatus.Entry(botId, "closing", List.of());
        } catch (WebApplicationException e) {
            String why = "not removed yet: position-service could not say whether it holds a position (HTTP "
                    + e.getResponse().getStatus() + "); retried at the next check";
            if (warned.add(botId)) {
                LOG.warnf("Bots file %s: bot %s %s", file, botId, why);
            }
            return new BotsFileStatus.Entry(botId, "kept", List.of(new BotsFileStatus.Problem(null, why)));
        }
    }

    private BotsFileStatus.Entry applied(Path file, Parsed entry) {
        try {
            Bots.FileResult result = bots.applyFromFile(entry.definition(), entry.entryHash());
            boolean created = result.stored().version() == 1 && result.changed();
            String outcome = !result.changed() ? "unchanged" : created ? "created" : "updated";
            if (result.changed()) {
                LOG.infof("Bots file %s: bot %s %s (%s)", file, entry.botId(), outcome,
                        result.stored().definition().status());
            }
            return new BotsFileStatus.Entry(entry.botId(), outcome, List.of());
        } catch (Bots.Conflict e) {
            return invalid(file, entry.botId(), List.of(new BotsFileStatus.Problem("botId", e.getMessage())));
        }
    }

    private BotsFileStatus.Entry invalid(Path file, String botId, List<BotsFileStatus.Problem> errors) {
        errors.forEach(problem -> LOG.warnf("Bots file %s: bot %s not applied, field %s: %s (the bot keeps its "
                + "last valid definition)", file, Objects.requireNonNullElse(botId, "(no botId)"), problem.field(),
                problem.message()));
        return new BotsFileStatus.Entry(botId, "invalid", errors);
    }

    private void unusable(Path file, long now, String checksum, String error) {
        if (!Objects.equals(error, status.error())) {
            LOG.warnf("Bots file %s is unusable, nothing of it applied and every bot keeps running as it was: %s",
                    file, error);
        }
        status = new BotsFileStatus(file.toString(), now, status.appliedAt(), checksum, error, status.bots());
        // Not remembered as applied: fixing the file back to its last good content applies (and confirms) it again.
        appliedChecksum = null;
    }
}
