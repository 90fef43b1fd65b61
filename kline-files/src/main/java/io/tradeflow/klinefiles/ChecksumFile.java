package io.tradeflow.klinefiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 checksum file beside a kline file. data.binance.vision publishes one beside each zip, named after it
 * ({@code BTCUSDT-1m-2023-11.zip.CHECKSUM}), in the format of {@code sha256sum}: the digest in hex, two spaces and
 * the file's name, {@code <64 hex digits>  BTCUSDT-1m-2023-11.zip}. "Each zip file has a .CHECKSUM file together in
 * the same folder to verify data integrity", checked there with {@code sha256sum -c} (README of
 * github.com/binance/binance-public-data). A CSV with a {@code .CHECKSUM} beside it is checked the same way.
 */
public record ChecksumFile(Path path, String sha256, String fileName) {
    public static final String SUFFIX = ".CHECKSUM";
    /** sha256sum writes "digest, space, space or '*' (binary mode), name"; Binance's files end with a newline. */
    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64})(?:[ \\t]+\\*?(\\S.*?))?\\s*");
    private static final int READ_BUFFER = 64 * 1024;

    /**
     * What {@link #verifyAll} found.
     *
     * @param verified   the files that match the checksum file beside them
     * @param unverified the files without a checksum file beside them (a CSV never has one from data.binance.vision)
     */
    public record Verification(List<Path> verified, List<Path> unverified) {
        public Verification {
            verified = List.copyOf(verified);
            unverified = List.copyOf(unverified);
        }
    }

    /**
     * Checks every file that has a checksum file beside it, before any of them is read.
     *
     * @throws KlineFileException at the first one that does not match, or whose checksum file is unreadable
     */
    public static Verification verifyAll(List<KlineFile> files) {
        List<Path> verified = new ArrayList<>();
        List<Path> unverified = new ArrayList<>();
        for (KlineFile file : files) {
            Path checksum = besides(file.path());
            if (Files.exists(checksum)) {
                read(checksum).verify(file.path());
                verified.add(file.path());
            } else {
                unverified.add(file.path());
            }
        }
        return new Verification(verified, unverified);
    }

    /** Where the checksum of {@code file} is when there is one: {@code file} with {@value #SUFFIX} appended. */
    public static Path besides(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /** Reads a checksum file; fails with a message naming it when it is unreadable or not in sha256sum's format. */
    public static ChecksumFile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new KlineFileException("Cannot read checksum file " + path + ": " + e, e);
        }
        Matcher matcher = lines.size() == 1 ? LINE.matcher(lines.getFirst().strip()) : null;
        if (matcher == null || !matcher.matches()) {
            throw new KlineFileException("Checksum file " + path + " is not one SHA-256 line as data.binance.vision writes it "
                    + "('<64 hex digits>  <file name>'): download it again, or delete it to read the file beside it unverified");
        }
        return new ChecksumFile(path, matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2));
    }

    /**
     * Refuses {@code file} unless its SHA-256 is the one this checksum file gives. Only the digest counts: a file
     * renamed together with its checksum file (to our {@code -UM-} names, say) is still the file that was published.
     */
    public void verify(Path file) {
        String actual = sha256Of(file);
        if (!actual.equals(sha256)) {
            String namedOther = fileName != null && !fileName.equals(String.valueOf(file.getFileName()))
                    ? " (the checksum file is for " + fileName + ")" : "";
            throw new KlineFileException("Kline file " + file + " does not match its checksum file " + path + namedOther
                    + ": its SHA-256 is " + actual + ", the checksum file says " + sha256 + ". The file is damaged, cut short "
                    + "or not the one published: download both files again from data.binance.vision (or delete " + path
                    + " to read the file unverified).");
        }
    }

    /** The SHA-256 of a file's bytes, in lower-case hex. */
    public static String sha256Of(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[READ_BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new KlineFileException("Cannot read kline file " + file + " to check its SHA-256: " + e, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
