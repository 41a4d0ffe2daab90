package io.dunninghub.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route files a reload replaces, each parsed by Camel's YAML DSL beforehand, and those it removes. Applying
 * it swaps the routes file by file; if a route does not start, the files already swapped go back to the routes
 * they had.
 */
final class RouteSwap {

    private static final Logger LOG = LoggerFactory.getLogger(RouteSwap.class);

    private final CamelContext context;
    private final Path routesDir;
    private final Map<Path, String> before;
    private final Map<Path, RoutesBuilder> parsed = new TreeMap<>();
    private final Set<Path> removed = new LinkedHashSet<>();

    private RouteSwap(CamelContext context, Path routesDir, Map<Path, String> before) {
        this.context = context;
        this.routesDir = routesDir;
        this.before = before;
    }

    /**
     * Parses the route files that differ between {@code before} and {@code after}; what does not parse, or
     * takes a route id another file already uses, is added to {@code problems}.
     */
    static RouteSwap prepare(CamelContext context, Path routesDir, Map<Path, String> before, Map<Path, String> after,
                             List<String> problems) {
        RouteSwap swap = new RouteSwap(context, routesDir, before);
        before.keySet().stream().filter(f -> !after.containsKey(f)).forEach(swap.removed::add);
        Map<String, Path> ids = new TreeMap<>();
        for (Route r : context.getRoutes()) {
            ids.put(r.getRouteId(), sourceOf(r));
        }
        for (Map.Entry<Path, String> e : after.entrySet()) {
            if (e.getValue().equals(before.get(e.getKey()))) {
                continue;
            }
            try {
                for (RoutesBuilder b : swap.builders(e.getKey(), e.getValue())) {
                    if (b instanceof RouteBuilder rb) {
                        for (RouteDefinition d : rb.configureRoutes(context).getRoutes()) {
                            Path owner = d.getRouteId() == null ? null : ids.get(d.getRouteId());
                            if (owner != null && !owner.equals(e.getKey()) && !swap.removed.contains(owner)) {
                                problems.add(e.getKey() + ": " + d.getRouteId() + ": route id already used in " + owner);
                            }
                        }
                    }
                    swap.parsed.put(e.getKey(), b);
                }
            } catch (Exception ex) {
                problems.add(e.getKey() + ": (routes): " + oneLine(ex));
            }
        }
        return swap;
    }

    void apply() {
        List<Path> done = new ArrayList<>();
        try {
            for (Path f : removed) {
                removeRoutesOf(f);
                done.add(f);
            }
            for (Map.Entry<Path, RoutesBuilder> e : parsed.entrySet()) {
                done.add(e.getKey());
                removeRoutesOf(e.getKey());
                context.addRoutes(e.getValue());
            }
        } catch (Exception e) {
            // back to the routes that were running, then report
            for (Path f : done) {
                try {
                    removeRoutesOf(f);
                    if (before.containsKey(f)) {
                        context.addRoutes(builders(f, before.get(f)).iterator().next());
                    }
                } catch (Exception again) {
                    LOG.error("config reload: could not restore the routes of {}: {}", f, again.getMessage());
                }
            }
            Path f = done.isEmpty() ? routesDir : done.get(done.size() - 1);
            throw new IllegalStateException(f + ": (routes): " + oneLine(e));
        }
    }

    private Collection<RoutesBuilder> builders(Path file, String yaml) throws Exception {
        Resource r = ResourceHelper.fromString("file:" + file, yaml);
        RoutesLoader loader = PluginHelper.getRoutesLoader(context);
        Collection<RoutesBuilder> builders = loader.findRoutesBuilders(List.of(r));
        if (builders.size() != 1) {
            throw new IllegalStateException("expected one set of routes, got " + builders.size());
        }
        return builders;
    }

    private void removeRoutesOf(Path file) throws Exception {
        for (Route r : List.copyOf(context.getRoutes())) {
            if (file.equals(sourceOf(r))) {
                context.getRouteController().stopRoute(r.getRouteId());
                context.removeRoute(r.getRouteId());
            }
        }
    }

    private static Path sourceOf(Route r) {
        Resource res = r.getSourceResource();
        if (res == null || res.getLocation() == null) {
            return null;
        }
        String loc = res.getLocation();
        loc = loc.startsWith("file:") ? loc.substring(5) : loc;
        try {
            return Path.of(loc).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }
}
