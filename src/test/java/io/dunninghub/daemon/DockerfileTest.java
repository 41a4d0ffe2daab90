package io.dunninghub.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** No Docker engine runs here, so the Dockerfile is kept honest by reading it. */
class DockerfileTest {

    private final String dockerfile = read();

    private static String read() {
        try {
            return Files.readString(Path.of("Dockerfile"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyPathCopiedFromTheBuildContextExists() {
        Matcher m = Pattern.compile("^COPY (?!--from)(\\S+) ", Pattern.MULTILINE).matcher(dockerfile);
        int copies = 0;
        while (m.find()) {
            copies++;
            assertThat(Path.of(m.group(1))).as("COPY source %s", m.group(1)).exists();
        }
        assertThat(copies).isGreaterThanOrEqualTo(4);
    }

    @Test
    void theJarTheBuildStageCopiesIsTheOneMavenBuilds() throws Exception {
        assertThat(dockerfile).contains("COPY --from=build /src/target/dunning-hub.jar");
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>dunning-hub</finalName>");
    }

    @Test
    void healthcheckAsksTheReadinessRouteOnTheConfiguredPort() throws Exception {
        assertThat(dockerfile).contains("HEALTHCHECK").contains("http://127.0.0.1:8080/health/ready");
        // the probe's tool is installed in the runtime stage itself, not assumed from the base image
        String runtimeStage = dockerfile.substring(dockerfile.lastIndexOf("FROM "));
        assertThat(runtimeStage).containsPattern("apt-get install[^\n]* curl");
        assertThat(runtimeStage.indexOf("curl -fsS")).isGreaterThan(runtimeStage.indexOf("apt-get install"));
        assertThat(Files.readString(Path.of("routes/health.yaml"))).contains("platform-http:/health/ready");
        assertThat(Files.readString(Path.of("config/application.properties"))).contains("hub.http.port = 8080");
    }

    @Test
    void runsAsANonRootUserWithMountableConfigAndRoutes() {
        List<String> users = Pattern.compile("^USER (\\S+)", Pattern.MULTILINE).matcher(dockerfile).results()
                .map(r -> r.group(1)).toList();
        assertThat(users).isNotEmpty().allSatisfy(u -> assertThat(u).isNotIn("root", "0"));
        assertThat(dockerfile).contains("VOLUME [\"/app/config\", \"/app/routes\", \"/app/var\"]");
        assertThat(dockerfile.indexOf("USER ")).isGreaterThan(dockerfile.lastIndexOf("FROM "));
    }
}
