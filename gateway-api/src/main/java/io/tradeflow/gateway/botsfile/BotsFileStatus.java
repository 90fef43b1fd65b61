package io.tradeflow.gateway.botsfile;

import java.util.List;

/**
 * What the gateway made of the bots file ({@code GET /api/v1/config/status}).
 *
 * @param file       the configured path, null when none is
 * @param checkedAt  when the file was last read, epoch ms
 * @param appliedAt  when a version of it was last applied, epoch ms
 * @param checksum   SHA-256 (hex) of the content last read
 * @param error      what makes the whole file unusable (then nothing of it was applied and running bots go on)
 * @param bots       per entry: what happened to it, and its errors
 */
public record BotsFileStatus(String file, Long checkedAt, Long appliedAt, String checksum, String error,
        List<Entry> bots) {

    /**
     * One bot: {@code outcome} created, updated, unchanged, invalid (its errors per field), or for a bot the file no
     * longer names removed, closing (stopped, deleted once its position is closed) or kept (not removable yet).
     */
    public record Entry(String botId, String outcome, List<Problem> errors) {
    }

    /** An error naming the field of the entry at fault ({@code risk.leverage}, {@code strategy.params.fast}). */
    public record Problem(String field, String message) {
    }
}
