package io.dunninghub.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JDBC drivers from lib/: where the folder is, and what loading it registers (a real driver jar, not on the class path). */
class DriverFolderTest {

    @Test
    void theFolderIsLibBesideTheJar() {
        assertThat(DriverFolder.besideJar(Path.of("/opt/dunning-hub/dunning-hub.jar")))
                .isEqualTo(Path.of("/opt/dunning-hub/lib"));
    }

    @Test
    void theJarShipsTheMySqlAndSqlServerDrivers() throws Exception {
        assertThat(DriverManager.getDriver("jdbc:mysql://127.0.0.1:3306/core").getClass().getName())
                .isEqualTo("com.mysql.cj.jdbc.Driver");
        assertThat(DriverManager.getDriver("jdbc:sqlserver://127.0.0.1:1433;databaseName=core").getClass().getName())
                .isEqualTo("com.microsoft.sqlserver.jdbc.SQLServerDriver");
    }

    @Test
    void aMissingOrEmptyFolderLoadsNothing(@TempDir Path dir) throws Exception {
        assertThat(DriverFolder.load(dir.resolve("absent"))).isEmpty();
        Files.writeString(dir.resolve("README.txt"), "drivers go here");
        assertThat(DriverFolder.load(dir)).isEmpty();
    }

    @Test
    void aDriverJarInTheFolderServesItsUrlsOnceLoaded(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Class.forName("org.mariadb.jdbc.Driver")).as("not on the class path")
                .isInstanceOf(ClassNotFoundException.class);
        Path lib = Files.createDirectories(dir.resolve("lib"));
        try (var jars = Files.list(Path.of("target/test-drivers"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
        }
        assertThat(DriverFolder.load(lib)).containsExactly("org.mariadb.jdbc.Driver");
        assertThat(DriverManager.getDriver("jdbc:mariadb://127.0.0.1:3306/core")).hasToString("lib/org.mariadb.jdbc.Driver");
        assertThat(DriverFolder.load(lib)).as("a folder is loaded once").isEmpty();
    }
}
