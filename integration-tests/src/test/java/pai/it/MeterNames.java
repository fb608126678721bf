package pai.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names under which Prometheus sees the meters the services declare, read from their source: every
 * {@code Timer/Counter/Gauge/DistributionSummary.builder(name)} and {@code registry.counter/timer/gauge...(name)},
 * with the name a literal, a constant, or {@code "pai." + <the service's name> + ".x"} (the platform's inbox), turned
 * into the series Micrometer's Prometheus registry exposes. A meter declared in a way this class cannot read fails
 * loudly rather than being skipped, so that a meter is never taken to exist or not by accident.
 */
final class MeterNames {
    /** The modules whose main code declares meters; the platform's serve every service. */
    static final List<String> MODULES = List.of("platform", "chat-service", "agent-service", "redpacket-service", "share-service");
    private static final List<String> SERVICE_NAMES = List.of("chat", "agent", "redpacket", "share");

    private static final Pattern BUILDER = Pattern.compile(
            "\\b(Timer|Counter|Gauge|DistributionSummary|LongTaskTimer|FunctionCounter|FunctionTimer|TimeGauge)\\.builder\\(\\s*([^,)]+)");
    private static final Pattern SHORTHAND = Pattern.compile(
            "\\bregistry\\s*\\.\\s*(counter|timer|summary|gauge|gaugeMapSize|gaugeCollectionSize|more\\(\\)\\s*\\.\\s*\\w+)\\(\\s*([^,)]+)");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"([^\"]+)\"\\s*\\)");
    /** A name made of the service's own, as the platform's inbox makes {@code pai.<service>.events}. */
    private static final Pattern PER_SERVICE = Pattern.compile("\"pai\\.\"\\s*\\+\\s*[^;]*?\\+\\s*\"\\.([a-z0-9.]+)\"");

    /** One meter as its source declares it. */
    record Meter(String name, String type, String baseUnit, boolean histogram, boolean percentiles, String declaredIn) {
    }

    private MeterNames() {
    }

    /** Every Prometheus series name of every meter declared in the modules' main code, with the meter behind it. */
    static Map<String, Meter> prometheusNames(Path repo) {
        Map<String, Meter> names = new TreeMap<>();
        for (Meter meter : declared(repo)) {
            for (String name : prometheusNames(meter)) {
                names.put(name, meter);
            }
        }
        return names;
    }

    static List<Meter> declared(Path repo) {
        List<Path> sources = MODULES.stream().flatMap(module -> javaFiles(repo.resolve(module).resolve("src/main/java"))).toList();
        return sources.stream().flatMap(file -> declaredIn(file, sources).stream()).toList();
    }

    /** Micrometer's Prometheus naming: dots to underscores, the base unit appended, {@code _total} on counters. */
    static Set<String> prometheusNames(Meter meter) {
        if (!meter.name().matches("[a-z][a-z0-9]*(\\.[a-z0-9]+)*")) {
            throw new IllegalStateException(meter.declaredIn() + ": meter name " + meter.name() + " is not lower-case dotted words");
        }
        String snake = meter.name().replace('.', '_');
        String unit = meter.baseUnit() == null ? "" : "_" + meter.baseUnit();
        Set<String> names = new TreeSet<>();
        switch (meter.type()) {
            case "counter" -> names.add(snake + unit + "_total");
            case "gauge" -> names.add(snake + unit);
            case "timer", "summary" -> {
                String base = snake + (meter.type().equals("timer") ? "_seconds" : unit);
                names.addAll(List.of(base + "_count", base + "_sum", base + "_max"));
                if (meter.histogram()) {
                    names.add(base + "_bucket");
                }
                if (meter.percentiles()) {
                    names.add(base);
                }
            }
            default -> throw new IllegalStateException(meter.declaredIn() + ": no naming rule for a " + meter.type());
        }
        return names;
    }

    private static List<Meter> declaredIn(Path file, List<Path> sources) {
        String code = read(file);
        List<Meter> meters = new ArrayList<>();
        Matcher builder = BUILDER.matcher(code);
        while (builder.find()) {
            int end = code.indexOf(".register(", builder.end());
            if (end < 0) {
                throw new IllegalStateException(where(file, code, builder.start()) + ": a meter builder that is never registered");
            }
            String chain = code.substring(builder.start(), end);
            String type = switch (builder.group(1)) {
                case "Timer" -> "timer";
                case "Counter" -> "counter";
                case "Gauge" -> "gauge";
                case "DistributionSummary" -> "summary";
                default -> builder.group(1);
            };
            Matcher unit = BASE_UNIT.matcher(chain);
            for (String name : names(builder.group(2), file, code, builder.start(), sources)) {
                meters.add(new Meter(name, type, unit.find(0) ? unit.group(1) : null,
                        chain.contains(".publishPercentileHistogram()") || chain.contains(".publishPercentileHistogram(true)"),
                        chain.contains(".publishPercentiles("), where(file, code, builder.start())));
            }
        }
        Matcher shorthand = SHORTHAND.matcher(code);
        while (shorthand.find()) {
            String type = switch (shorthand.group(1)) {
                case "counter" -> "counter";
                case "timer" -> "timer";
                case "summary" -> "summary";
                case "gauge", "gaugeMapSize", "gaugeCollectionSize" -> "gauge";
                default -> shorthand.group(1);
            };
            for (String name : names(shorthand.group(2), file, code, shorthand.start(), sources)) {
                meters.add(new Meter(name, type, null, false, false, where(file, code, shorthand.start())));
            }
        }
        return meters;
    }

    /** The name (or, for a name made of the service's own, the names) an argument stands for. */
    private static List<String> names(String argument, Path file, String code, int at, List<Path> sources) {
        String expression = argument.strip();
        if (expression.matches("\"[^\"]*\"")) {
            return List.of(expression.substring(1, expression.length() - 1));
        }
        Matcher reference = Pattern.compile("(?:(\\w+)\\.)?([A-Za-z_]\\w*)").matcher(expression);
        if (reference.matches()) {
            String owner = reference.group(1);
            String field = reference.group(2);
            String ownerCode = owner == null ? code : sources.stream()
                    .filter(source -> source.getFileName().toString().equals(owner + ".java")).findFirst()
                    .map(MeterNames::read).orElse("");
            Optional<String> constant = match(ownerCode, "\\bString\\s+" + field + "\\s*=\\s*\"([^\"]+)\"\\s*;");
            if (constant.isPresent()) {
                return List.of(constant.get());
            }
            Optional<String> perService = match(ownerCode, "\\b(?:this\\.)?" + field + "\\s*=\\s*(\"pai\\.\"[^;]*);")
                    .flatMap(assigned -> match(assigned, PER_SERVICE.pattern()));
            if (perService.isPresent()) {
                return SERVICE_NAMES.stream().map(service -> "pai." + service + "." + perService.get()).toList();
            }
        }
        throw new IllegalStateException(where(file, code, at) + ": cannot read the meter name " + expression
                + " (a literal, a String constant, or \"pai.\" + <the service's name> + \".x\")");
    }

    private static Optional<String> match(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String where(Path file, String code, int at) {
        return file.getFileName() + ":" + (code.substring(0, at).chars().filter(c -> c == '\n').count() + 1);
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
