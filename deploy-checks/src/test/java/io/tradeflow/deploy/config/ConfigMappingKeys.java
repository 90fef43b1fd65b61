package io.tradeflow.deploy.config;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;

import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys of a service's {@code @ConfigMapping} interfaces, read from its Java sources (parsed by the JDK's own
 * compiler, nothing compiled or loaded): the prefix, then each method's name in kebab case ({@code maxSignalDelay}:
 * {@code max-signal-delay}) or its {@code @WithName}, nested groups as further segments, the methods of extended
 * interfaces, {@code @WithParentName} adding no segment, and a {@code Map}'s key as the wildcard segment {@code *}.
 */
final class ConfigMappingKeys {

    /** A group is one of the service's own interfaces; anything else a method returns is a value (a leaf key). */
    private record Group(List<String> enclosing, ClassTree tree) {
    }

    private static final Set<String> OPTIONALS = Set.of("Optional", "java.util.Optional");
    private static final Set<String> MAPS = Set.of("Map", "java.util.Map", "SortedMap", "NavigableMap");
    private static final int MAX_DEPTH = 16;

    private final Map<String, Group> groupsByName = new HashMap<>();
    private final Map<String, List<Group>> groupsBySimpleName = new HashMap<>();
    private final List<Map.Entry<String, Group>> mappings = new ArrayList<>();

    private ConfigMappingKeys() {
    }

    /** Every key of every {@code @ConfigMapping} interface in these source files. */
    static Set<String> of(List<Path> sources) {
        ConfigMappingKeys reader = new ConfigMappingKeys();
        for (CompilationUnitTree unit : parse(sources)) {
            for (Tree type : unit.getTypeDecls()) {
                if (type instanceof ClassTree tree) {
                    reader.collect(List.of(), tree);
                }
            }
        }
        Set<String> keys = new TreeSet<>();
        for (Map.Entry<String, Group> mapping : reader.mappings) {
            reader.keys(mapping.getKey(), mapping.getValue(), keys, 0);
        }
        return keys;
    }

    private static List<? extends CompilationUnitTree> parse(List<Path> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("No Java compiler in " + System.getProperty("java.home")
                    + ": run the deploy checks on a JDK, not a JRE");
        }
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, diagnostic -> { }, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            List<CompilationUnitTree> units = new ArrayList<>();
            task.parse().forEach(units::add);
            return units;
        } catch (IOException e) {
            throw new UncheckedIOException("could not parse " + sources, e);
        }
    }

    /** Records every interface (nested ones too) under its enclosing names, and the mapped ones with their prefix. */
    private void collect(List<String> enclosing, ClassTree tree) {
        List<String> path = new ArrayList<>(enclosing);
        path.add(tree.getSimpleName().toString());
        if (tree.getKind() == Tree.Kind.INTERFACE) {
            Group group = new Group(List.copyOf(enclosing), tree);
            groupsByName.put(String.join(".", path), group);
            groupsBySimpleName.computeIfAbsent(tree.getSimpleName().toString(), name -> new ArrayList<>()).add(group);
            annotation(tree.getModifiers().getAnnotations(), "ConfigMapping")
                    .flatMap(mapping -> argument(mapping, "prefix"))
                    .ifPresent(prefix -> mappings.add(Map.entry(prefix, group)));
        }
        for (Tree member : tree.getMembers()) {
            if (member instanceof ClassTree nested) {
                collect(path, nested);
            }
        }
    }

    private void keys(String prefix, Group group, Set<String> keys, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("config groups nested deeper than " + MAX_DEPTH + " under " + prefix);
        }
        for (Tree member : group.tree().getMembers()) {
            if (member instanceof MethodTree method && isProperty(method)) {
                List<? extends AnnotationTree> annotations = method.getModifiers().getAnnotations();
                String name = annotation(annotations, "WithParentName").isPresent() ? ""
                        : annotation(annotations, "WithName").flatMap(a -> argument(a, "value"))
                                .orElseGet(() -> kebab(method.getName().toString()));
                value(join(prefix, name), method.getReturnType(), group, keys, depth);
            }
        }
        // javac keeps an interface's "extends" list where a class keeps "implements"
        for (Tree parent : group.tree().getImplementsClause()) {
            resolve(parent.toString(), group).ifPresent(extended -> keys(prefix, extended, keys, depth + 1));
        }
    }

    /** The keys of a value of this type at {@code key}: itself, a group's keys, or a map's entries. */
    private void value(String key, Tree type, Group scope, Set<String> keys, int depth) {
        if (type instanceof ParameterizedTypeTree generic) {
            String raw = generic.getType().toString();
            List<? extends Tree> arguments = generic.getTypeArguments();
            if (OPTIONALS.contains(raw) && arguments.size() == 1) {
                value(key, arguments.getFirst(), scope, keys, depth);
                return;
            }
            if (MAPS.contains(raw) && arguments.size() == 2) {
                value(join(key, "*"), arguments.get(1), scope, keys, depth);
                return;
            }
            keys.add(key); // a List or Set of values: one key, comma-separated
            return;
        }
        Optional<Group> group = resolve(type.toString(), scope);
        if (group.isPresent()) {
            keys(key, group.get(), keys, depth + 1);
        } else {
            keys.add(key);
        }
    }

    /** The service's interface a type name refers to, looked up from the inside out as Java does. */
    private Optional<Group> resolve(String typeName, Group scope) {
        List<String> outer = new ArrayList<>(scope.enclosing());
        outer.add(scope.tree().getSimpleName().toString());
        for (int size = outer.size(); size >= 0; size--) {
            List<String> candidate = new ArrayList<>(outer.subList(0, size));
            candidate.add(typeName);
            Group found = groupsByName.get(String.join(".", candidate));
            if (found != null) {
                return Optional.of(found);
            }
        }
        // Another file's interface, by its simple name (a qualified name's last part), when only one has it.
        String simple = typeName.substring(typeName.lastIndexOf('.') + 1);
        List<Group> named = groupsBySimpleName.getOrDefault(simple, List.of());
        return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
    }

    /** An abstract, parameterless, non-void method: a property (static and default methods are helpers). */
    private static boolean isProperty(MethodTree method) {
        Set<Modifier> modifiers = method.getModifiers().getFlags();
        return method.getBody() == null && method.getParameters().isEmpty() && method.getReturnType() != null
                && !method.getReturnType().toString().equals("void")
                && !modifiers.contains(Modifier.STATIC) && !modifiers.contains(Modifier.DEFAULT);
    }

    private static Optional<AnnotationTree> annotation(List<? extends AnnotationTree> annotations, String simpleName) {
        return annotations.stream()
                .filter(a -> {
                    String name = a.getAnnotationType().toString();
                    return name.equals(simpleName) || name.endsWith("." + simpleName);
                })
                .map(a -> (AnnotationTree) a)
                .findFirst();
    }

    /** A string argument: {@code @X(prefix = "a")}, or {@code @X("a")} for {@code value}. */
    private static Optional<String> argument(AnnotationTree annotation, String name) {
        for (ExpressionTree argument : annotation.getArguments()) {
            if (argument instanceof AssignmentTree assignment
                    && assignment.getVariable().toString().equals(name)
                    && assignment.getExpression() instanceof LiteralTree literal) {
                return Optional.of(String.valueOf(literal.getValue()));
            }
            if (name.equals("value") && argument instanceof LiteralTree literal) {
                return Optional.of(String.valueOf(literal.getValue()));
            }
        }
        return Optional.empty();
    }

    /** SmallRye Config's default naming: {@code coinMStartingBalance} is {@code coin-m-starting-balance}. */
    static String kebab(String methodName) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < methodName.length(); i++) {
            char c = methodName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    name.append('-');
                }
                name.append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static String join(String prefix, String name) {
        if (name.isEmpty()) {
            return prefix;
        }
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
