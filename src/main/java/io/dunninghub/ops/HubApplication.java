package io.dunninghub.ops;

import io.dunninghub.channel.DeliveryResults;
import io.dunninghub.channel.ProviderAdapterFactory;
import io.dunninghub.channel.ProviderRouter;
import io.dunninghub.channel.ProvidersConfig;
import io.dunninghub.dispatch.CamelChannelGateway;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * The daemon: Camel Main with the routes of {@code routes/}, and the hub's beans bound before they start.
 * Camel Main stops gracefully on SIGTERM; the dispatcher stops claiming first, so in-flight notices finish
 * and unstarted ones go back to the ledger.
 */
public final class HubApplication implements AutoCloseable {

    private final Main main = new Main();
    private final Path configDir;
    private final Map<String, String> overrides;
    private final Clock clock;
    private volatile HubRuntime runtime;
    private volatile RuntimeException startupFailure;

    public HubApplication(Path configDir, Path routesDir, Map<String, String> overrides, boolean scheduler, Clock clock) {
        this.configDir = configDir;
        this.overrides = Map.copyOf(overrides);
        this.clock = clock;
        main.setPropertyPlaceholderLocations(ConfigProperties.locations(configDir));
        // Documented defaults are visible to route placeholders too ({{hub.scan.cron}}), at lowest precedence.
        HubSettings.KEYS.stream().filter(k -> !k.name().endsWith("*"))
                .forEach(k -> main.addInitialProperty(k.name(), k.defaultValue()));
        main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + routesDir.toAbsolutePath() + "/*.yaml");
        main.addOverrideProperty("hub.scheduler.enabled", Boolean.toString(scheduler));
        overrides.forEach(main::addOverrideProperty);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                try {
                    wire(m.getCamelContext());
                } catch (RuntimeException e) {
                    startupFailure = e;
                    throw e;
                } catch (Exception e) {
                    startupFailure = new IllegalStateException(e.getMessage(), e);
                    throw startupFailure;
                }
            }

            @Override
            public void beforeStop(BaseMainSupport m) {
                if (runtime != null && runtime.dispatchJob() != null) {
                    runtime.dispatchJob().stop();
                }
            }

            @Override
            public void afterStop(BaseMainSupport m) {
                if (runtime != null) {
                    runtime.close();
                }
            }
        });
    }

    private void wire(CamelContext context) throws Exception {
        HubSettings settings = ConfigProperties.settings(context, configDir);
        runtime = new HubRuntime(settings, ConfigProperties.keys(context, overrides), HubRuntime.Mode.RUN, clock);
        ProvidersConfig providers = ProvidersConfig.load(configDir.resolve("providers.yaml"),
                context::resolvePropertyPlaceholders);
        ProviderRouter router = ProviderRouter.of(providers, new ProviderAdapterFactory(context));
        runtime.startDispatch(router, new CamelChannelGateway(context.createProducerTemplate()));
        context.getRegistry().bind("planningJob", runtime.planningJob());
        context.getRegistry().bind("dispatchJob", runtime.dispatchJob());
        context.getRegistry().bind("providerRouter", router);
        context.getRegistry().bind("deliveryResults", new DeliveryResults()); // for integrators' YAML routes
        context.getRegistry().bind("hubRuntime", runtime);
    }

    /** Starts Camel and returns; use {@link #close()} to stop. */
    public HubRuntime start() throws Exception {
        try {
            main.start();
        } catch (Exception e) {
            throw startupFailure != null ? startupFailure : e;
        }
        if (startupFailure != null) {
            throw startupFailure;
        }
        return runtime;
    }

    /**
     * Runs until SIGTERM or Ctrl-C. The signal ends Camel Main's run loop, which stops routes gracefully
     * (dispatch stops claiming, in-flight notices finish, unstarted ones are released) and returns, so the
     * process exits 0 instead of dying by the signal.
     */
    public void runUntilStopped() throws Exception {
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> main.completed());
        }
        main.run();
        if (startupFailure != null) {
            throw startupFailure;
        }
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public HubRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
