package io.tradeflow.benchmarks;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --name value} options of a load generator's command line. A bad or missing option prints
 * {@code tool: problem} and the usage line and exits 2.
 */
public final class Options {
    private final String tool;
    private final String usage;
    private final Map<String, String> values;

    private Options(String tool, String usage, Map<String, String> values) {
        this.tool = tool;
        this.usage = usage;
        this.values = values;
    }

    /** The options in {@code args} (every one {@code --name value}). */
    public static Options parse(String tool, String usage, String[] args) {
        Options options = new Options(tool, usage, new HashMap<>());
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                options.usage("expected --name value, got " + args[i]);
            }
            options.values.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            usage("missing --" + name);
        }
        return value;
    }

    /** The option's value, or {@code fallback} when it is not given. */
    public String orDefault(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name) {
        try {
            return Integer.parseInt(required(name));
        } catch (NumberFormatException e) {
            usage("--" + name + " must be an integer");
            return 0;
        }
    }

    /** Prints the problem and the usage line, and exits 2. */
    public void usage(String problem) {
        System.err.println(tool + ": " + problem);
        System.err.println("usage: " + usage);
        System.exit(2);
    }
}
