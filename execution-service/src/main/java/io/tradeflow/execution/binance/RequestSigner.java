package io.tradeflow.execution.binance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs the payload of a SIGNED request. The rule (Binance USD-M "General Info", section "SIGNED (TRADE and USER_DATA)
 * Endpoint Security", https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info): the payload
 * is the exact query string as sent (values URL-encoded, {@code timestamp} and {@code recvWindow} included), and the
 * {@code signature} parameter goes last.
 * <ul>
 *   <li>{@link Hmac}: lowercase hex of HMAC-SHA256 keyed with the secret key (that page's example is in the test).</li>
 *   <li>{@link Ed25519}: base64 of the Ed25519 signature of the payload's ASCII bytes (Binance "API Key Types",
 *       https://developers.binance.com/docs/binance-spot-api-docs/faqs/api_key_types; the futures page's RSA
 *       example shows the same base64-then-URL-encode steps). Base64 has {@code +}, {@code /} and {@code =}: the
 *       caller URL-encodes the signature, as it does every value.</li>
 * </ul>
 * Thread-safe. Neither kind prints its key.
 */
public sealed interface RequestSigner permits RequestSigner.Hmac, RequestSigner.Ed25519 {

    /** The signature of {@code payload} as Binance defines it, before URL encoding. */
    String sign(String payload);

    /** {@code HMAC_SHA256} or {@code ED25519}, for logs. */
    String algorithm();

    static RequestSigner hmac(Secret secretKey) {
        return new Hmac(secretKey);
    }

    static RequestSigner ed25519(PrivateKey key) {
        return new Ed25519(key);
    }

    /** An Ed25519 signer from an unencrypted PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}). */
    static RequestSigner ed25519(Path pemFile) {
        return new Ed25519(Ed25519.readPem(pemFile));
    }

    /**
     * The signer an account's configuration asks for: Ed25519 when {@code private-key-file} is set, HMAC when
     * {@code secret-key} is; empty when neither (the account can then only call NONE and API_KEY endpoints).
     *
     * @throws IllegalArgumentException when both are set (which key belongs to the API key is then a guess)
     */
    static Optional<RequestSigner> of(BinanceAccounts.Account account) {
        if (account.privateKeyFile().isPresent() && account.secretKey().isPresent()) {
            throw new IllegalArgumentException("both secret-key (HMAC) and private-key-file (Ed25519) are set;"
                    + " an API key has one kind: keep the one that belongs to it");
        }
        if (account.privateKeyFile().isPresent()) {
            return Optional.of(ed25519(account.privateKeyFile().get()));
        }
        return account.secretKey().map(RequestSigner::hmac);
    }

    /** HMAC-SHA256, lowercase hex. */
    final class Hmac implements RequestSigner {
        private final SecretKeySpec key;

        private Hmac(Secret secretKey) {
            Objects.requireNonNull(secretKey, "secretKey");
            this.key = new SecretKeySpec(secretKey.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        }

        @Override
        public String sign(String payload) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256"); // a Mac is not thread-safe; one per call is cheap enough
                mac.init(key);
                return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable in this JDK", e);
            }
        }

        @Override
        public String algorithm() {
            return "HMAC_SHA256";
        }

        @Override
        public String toString() {
            return "RequestSigner[HMAC_SHA256, key ***]";
        }
    }

    /** Ed25519 (the JDK's own, since 15), base64. */
    final class Ed25519 implements RequestSigner {
        private final PrivateKey key;

        private Ed25519(PrivateKey key) {
            Objects.requireNonNull(key, "key");
            if (!"Ed25519".equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
                throw new IllegalArgumentException("not an Ed25519 key: " + key.getAlgorithm());
            }
            this.key = key;
        }

        @Override
        public String sign(String payload) {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(key);
                signature.update(payload.getBytes(StandardCharsets.US_ASCII));
                return Base64.getEncoder().encodeToString(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 signing failed", e);
            }
        }

        @Override
        public String algorithm() {
            return "ED25519";
        }

        @Override
        public String toString() {
            return "RequestSigner[ED25519, key ***]";
        }

        /** The key of a PKCS#8 PEM file; errors name the file, never its content. */
        static PrivateKey readPem(Path file) {
            String pem;
            try {
                pem = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalArgumentException("Ed25519 private key file " + file + " unreadable: "
                        + e.getClass().getSimpleName(), e);
            }
            if (pem.contains("ENCRYPTED")) {
                throw new IllegalArgumentException("Ed25519 private key file " + file
                        + " is encrypted; give an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----)");
            }
            int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
            int end = pem.indexOf("-----END PRIVATE KEY-----");
            if (begin < 0 || end < begin) {
                throw new IllegalArgumentException("Ed25519 private key file " + file
                        + " is not a PKCS#8 PEM key (-----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----)");
            }
            String body = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
            try {
                byte[] der = Base64.getDecoder().decode(body);
                return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                // No message from the cause: some providers quote the bytes they could not parse.
                throw new IllegalArgumentException("Ed25519 private key file " + file
                        + " does not hold an Ed25519 PKCS#8 key (" + e.getClass().getSimpleName() + ")");
            }
        }
    }
}
