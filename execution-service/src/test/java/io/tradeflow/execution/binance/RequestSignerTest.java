package io.tradeflow.execution.binance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestSignerTest {

    /**
     * Binance USD-M "General Info", "SIGNED Endpoint Examples for POST /fapi/v1/order - HMAC Keys", Example 1
     * (https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info; read through the mirror
     * shubhamtaywade82/binance-docs-scraper, commit 891df63d247c8b6047bfd44ef14247fdda41da2e,
     * knowledge_base/markdown/binance/derivatives/usds-margined-futures/general-info.md).
     */
    static final String DOCS_SECRET = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
    static final String DOCS_QUERY = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC"
            + "&recvWindow=5000&timestamp=1591702613943";
    static final String DOCS_SIGNATURE = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";

    record Account(Optional<Secret> apiKey, Optional<Secret> secretKey, Optional<Path> privateKeyFile,
                   String restUrl, String userStreamUrl, String coinMRestUrl, String coinMUserStreamUrl,
                   Duration recvWindow, Duration requestTimeout) implements BinanceAccounts.Account {
        static Account with(Optional<Secret> secretKey, Optional<Path> privateKeyFile) {
            return new Account(Optional.of(Secret.of("key")), secretKey, privateKeyFile, "http://127.0.0.1:1",
                    "ws://127.0.0.1:1/private", "http://127.0.0.1:2", "ws://127.0.0.1:2", Duration.ofSeconds(5),
                    Duration.ofSeconds(10));
        }
    }

    @Test
    void hmacMatchesBinancesDocumentedExample() {
        RequestSigner signer = RequestSigner.hmac(Secret.of(DOCS_SECRET));
        assertThat(signer.sign(DOCS_QUERY)).isEqualTo(DOCS_SIGNATURE);
        assertThat(signer.algorithm()).isEqualTo("HMAC_SHA256");
    }

    @Test
    void ed25519SignaturesVerifyWithThePublicKey(@TempDir Path dir) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = writePem(dir.resolve("key.pem"), pair);
        RequestSigner signer = RequestSigner.ed25519(pem);

        String signature = signer.sign(DOCS_QUERY);

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(pair.getPublic());
        verifier.update(DOCS_QUERY.getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getDecoder().decode(signature))).isTrue();
        // Another payload does not verify with that signature: the check above can fail.
        verifier.initVerify(pair.getPublic());
        verifier.update((DOCS_QUERY + "0").getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getDecoder().decode(signature))).isFalse();
        assertThat(signer.algorithm()).isEqualTo("ED25519");
    }

    @Test
    void theConfigurationPicksTheSigner(@TempDir Path dir) throws Exception {
        Path pem = writePem(dir.resolve("key.pem"), KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        assertThat(RequestSigner.of(Account.with(Optional.of(Secret.of(DOCS_SECRET)), Optional.empty())))
                .get().isInstanceOf(RequestSigner.Hmac.class);
        assertThat(RequestSigner.of(Account.with(Optional.empty(), Optional.of(pem))))
                .get().isInstanceOf(RequestSigner.Ed25519.class);
        assertThat(RequestSigner.of(Account.with(Optional.empty(), Optional.empty()))).isEmpty();
        assertThatThrownBy(() -> RequestSigner.of(Account.with(Optional.of(Secret.of(DOCS_SECRET)), Optional.of(pem))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
    }

    @Test
    void badKeyFilesAreRefusedWithoutQuotingThem(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"),
                "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWdhcmJhZ2U=\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> RequestSigner.ed25519(garbage)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(garbage.toString()).hasMessageNotContaining("c2VjcmV0LWdhcmJhZ2U=");
        Path encrypted = Files.writeString(dir.resolve("enc.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> RequestSigner.ed25519(encrypted)).hasMessageContaining("encrypted");
        Path rsaLike = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n");
        assertThatThrownBy(() -> RequestSigner.ed25519(rsaLike)).hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> RequestSigner.ed25519(dir.resolve("missing.pem"))).hasMessageContaining("unreadable");
    }

    @Test
    void neitherSignerNorSecretPrintsTheKey(@TempDir Path dir) throws Exception {
        Secret secret = Secret.of(" " + DOCS_SECRET + "\n");
        assertThat(secret.toString()).isEqualTo("***");
        assertThat(secret.reveal()).isEqualTo(DOCS_SECRET); // stripped: a Secret made with echo ends in a newline
        assertThat(RequestSigner.hmac(secret).toString()).doesNotContain(DOCS_SECRET);
        assertThat(String.valueOf(Optional.of(secret))).isEqualTo("Optional[***]");
        Path pem = writePem(dir.resolve("key.pem"), KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        assertThat(RequestSigner.ed25519(pem).toString()).isEqualTo("RequestSigner[ED25519, key ***]");
        assertThatThrownBy(() -> Secret.of("  ")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The private key as `openssl genpkey -algorithm ed25519` writes it: PKCS#8 DER in base64 lines. */
    static Path writePem(Path file, KeyPair pair) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded());
        return Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    }
}
