package io.tradeflow.deploy.k8s;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's guide to the Kubernetes manifests: the "## Kubernetes" section of docs/deploy.md (or, while that file
 * has none, docs/deploy-k8s.md), and the Secrets it tells the user to create with {@code kubectl create secret}.
 */
final class KubernetesDoc {

    static final String DEPLOY_MD = "docs/deploy.md";
    static final String DEPLOY_K8S_MD = "docs/deploy-k8s.md";

    private KubernetesDoc() {
    }

    /** Where the section is, for messages. */
    static String source() {
        return hasSection() ? DEPLOY_MD + " (## Kubernetes)" : DEPLOY_K8S_MD;
    }

    /** The text of the section (up to the next "## " heading), or of docs/deploy-k8s.md. */
    static String text() {
        if (!hasSection()) {
            return Repository.read(DEPLOY_K8S_MD);
        }
        String doc = Repository.read(DEPLOY_MD);
        int start = doc.indexOf("\n## Kubernetes");
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    private static boolean hasSection() {
        return Files.isRegularFile(Repository.path(DEPLOY_MD))
                && Repository.read(DEPLOY_MD).contains("\n## Kubernetes");
    }

    /**
     * Each Secret a {@code kubectl create secret generic|tls NAME ...} command of the section creates, with the keys
     * it gives it ({@code --from-literal=KEY=...}, {@code --from-file=KEY=...}; {@code tls.crt} and {@code tls.key}
     * for tls).
     */
    static Map<String, Set<String>> createdSecrets() {
        String joined = text().replaceAll("\\\\\\n\\s*", " ");
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        Matcher command = Pattern.compile("kubectl(?: -n \\S+)? create secret (generic|tls) ([a-z0-9-]+)([^\\n]*)")
                .matcher(joined);
        while (command.find()) {
            Set<String> keys = secrets.computeIfAbsent(command.group(2), name -> new LinkedHashSet<>());
            if (command.group(1).equals("tls")) {
                keys.add("tls.crt");
                keys.add("tls.key");
            }
            Matcher key = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9._-]+)=").matcher(command.group(3));
            while (key.find()) {
                keys.add(key.group(1));
            }
        }
        return secrets;
    }
}
