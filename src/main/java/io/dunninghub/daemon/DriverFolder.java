package io.dunninghub.daemon;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * JDBC drivers the jar does not ship (Oracle, DB2, …), loaded at start-up from the {@code lib/} folder next to
 * {@code dunning-hub.jar}, or from the folder {@code DUNNING_HUB_LIB} names. A manifest {@code Class-Path} cannot
 * name "every jar in a folder", so the jars get a class loader of their own, and each driver they declare
 * ({@code META-INF/services/java.sql.Driver}) is registered with {@link DriverManager} through a small
 * {@link Shim}: DriverManager only hands out drivers the caller's class loader can see, and the shim is the
 * hub's own class. Pools and the readiness probe then find the driver by its URL like any shipped one.
 */
public final class DriverFolder {

    /** The environment variable that names another folder than {@code lib/} next to the jar. */
    public static final String ENV = "DUNNING_HUB_LIB";

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(DriverFolder.class);
    private static final Set<Path> LOADED = ConcurrentHashMap.newKeySet();

    private DriverFolder() {
    }

    /** The folder drivers are loaded from: {@code DUNNING_HUB_LIB}, else {@code lib/} beside the running jar. */
    public static Path location() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env.strip());
        }
        try {
            return besideJar(Path.of(DriverFolder.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("lib");
        }
    }

    /** {@code /opt/hub/dunning-hub.jar} → {@code /opt/hub/lib}; classes in a folder (tests) → its sibling lib/. */
    static Path besideJar(Path codeSource) {
        Path parent = codeSource.toAbsolutePath().getParent();
        return parent == null ? Path.of("lib") : parent.resolve("lib");
    }

    /** Loads the drivers of {@link #location()}, once per folder; a missing folder is no error. */
    public static List<String> loadDefault() {
        return load(location());
    }

    /**
     * Registers every driver the jars in {@code dir} declare and returns their class names (empty when the folder
     * does not exist or was loaded before). A jar that cannot be read is logged and left out.
     */
    public static List<String> load(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder) || !LOADED.add(folder)) {
            return List.of();
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            LOG.warn("JDBC drivers: cannot list {}: {}", folder, e.getMessage());
            return List.of();
        }
        if (jars.isEmpty()) {
            return List.of();
        }
        URLClassLoader loader = new URLClassLoader("lib", jars.toArray(URL[]::new), DriverFolder.class.getClassLoader());
        List<String> registered = new ArrayList<>();
        var drivers = ServiceLoader.load(Driver.class, loader).iterator();
        while (true) {
            Driver driver;
            try {
                if (!drivers.hasNext()) {
                    break;
                }
                driver = drivers.next();
            } catch (ServiceConfigurationError e) {
                LOG.warn("JDBC drivers in {}: a driver could not be loaded: {}", folder, e.getMessage());
                continue;
            }
            if (driver.getClass().getClassLoader() != loader) {
                continue; // one the jar ships itself, found again through the parent
            }
            try {
                DriverManager.registerDriver(new Shim(driver));
                registered.add(driver.getClass().getName());
            } catch (SQLException e) {
                LOG.warn("JDBC drivers: cannot register {}: {}", driver.getClass().getName(), e.getMessage());
            }
        }
        LOG.info("JDBC drivers from {}: {}", folder, registered.isEmpty() ? "none declared in " + jars.size() + " jars"
                : String.join(", ", registered));
        return registered;
    }

    /** A driver from lib/, registered under a class the hub's own class loader can see. */
    static final class Shim implements Driver {

        private final Driver driver;

        Shim(Driver driver) {
            this.driver = driver;
        }

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            return driver.connect(url, info);
        }

        @Override
        public boolean acceptsURL(String url) throws SQLException {
            return driver.acceptsURL(url);
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
            return driver.getPropertyInfo(url, info);
        }

        @Override
        public int getMajorVersion() {
            return driver.getMajorVersion();
        }

        @Override
        public int getMinorVersion() {
            return driver.getMinorVersion();
        }

        @Override
        public boolean jdbcCompliant() {
            return driver.jdbcCompliant();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return driver.getParentLogger();
        }

        @Override
        public String toString() {
            return "lib/" + driver.getClass().getName();
        }
    }
}
