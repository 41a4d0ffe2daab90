package io.dunninghub.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dunninghub.cli.ExitCodes;
import io.dunninghub.cli.Main;
import io.dunninghub.support.HubFixture;
import io.dunninghub.support.Slow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daemon whose HTTP port is taken does not start without health, metrics and receipts: it stops, naming the key. */
@Slow
class HttpPortInUseTest {

    @Test
    void runStopsWithExit2NamingHubHttpPortWhenThePortIsTaken(@TempDir Path work) throws Exception {
        try (HubFixture hub = new HubFixture(work);
             ServerSocket taken = new ServerSocket(hub.httpPort, 50, InetAddress.getByName("0.0.0.0"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream e = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            ExecutorService runner = Executors.newSingleThreadExecutor();
            int exit;
            try {
                Future<Integer> run = runner.submit(() -> Main.execute("run", "--config", hub.configDir.toString(),
                        "--routes", "routes"));
                exit = run.get(90, TimeUnit.SECONDS); // a daemon that started anyway would never return
            } finally {
                runner.shutdownNow();
                System.setErr(e);
            }
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.CONFIG);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("config error: ").contains("hub.http.port: port " + hub.httpPort)
                    .contains("in use");
            assertThat(hub.ledgerCount("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'notice'"))
                    .as("nothing was migrated").isZero();
        }
    }
}
