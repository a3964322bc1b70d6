package dev.switchboard.server;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.switchboard.server.cli.CommandLine;
import dev.switchboard.server.cli.ConfigCheck;
import dev.switchboard.server.cli.VersionInfo;
import dev.switchboard.server.config.EnvironmentOverrides;
import dev.switchboard.server.config.StartupException;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;
import io.helidon.logging.common.LogConfig;

/**
 * The command line (see {@link CommandLine#USAGE}): starts the server on the embedded default configuration, or on
 * the given YAML file, with environment variables and system properties overriding either (for example
 * {@code SERVER_PORT=9100}); or checks that configuration without starting; or prints the versions.
 */
public final class Main {

    private static final String EMBEDDED = "the embedded application.yaml";

    private Main() {
    }

    /**
     * Does what the command line asks, or exits with 2 and a one-line reason for what the user must fix.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        // Before anything starts a virtual thread: the JDK reads the setting once, when it starts the first.
        CarrierThreads.configure();
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            System.err.println("switchboard: " + e.getMessage());
            System.err.print(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        switch (line.action()) {
            case HELP -> System.out.print(CommandLine.USAGE);
            case VERSION -> System.out.println(VersionInfo.text());
            case CHECK_CONFIG -> reportingFailures(() -> {
                ConfigCheck.run(loadConfig(line.configFile()), home(),
                                line.configFile().map(Path::toString).orElse(EMBEDDED), System.out);
                // The protocols are stopped; whatever Helidon's builder left behind need not be waited for.
                System.exit(0);
            });
            case SERVE -> reportingFailures(() -> serve(line.configFile()));
        }
    }

    private static void serve(Optional<Path> configFile) {
        if (!Main.class.getModule().isNamed()) {
            // On the class path every package is open to reflection, the protocol jars' included.
            System.getLogger(Main.class.getName()).log(System.Logger.Level.WARNING,
                    "Running on the class path: protocol jars can reach the server's internals by reflection. "
                            + "./switchboard runs the server as named modules, where they cannot (docs/operations.md, "
                            + "Security model)");
        }
        Switchboard switchboard = Switchboard.start(loadConfig(configFile), home());
        // Any other exit (a plugin's System.exit) stops the server too, and keeps its status.
        Runtime.getRuntime().addShutdownHook(new Thread(switchboard::stop, "switchboard-shutdown"));
        StopSignals signals = StopSignals.install();
        ReloadSignal.install(() -> {
            try {
                switchboard.reloadConfig(loadConfig(configFile));
            } catch (StartupException e) {
                // The file is missing or not YAML: refused as a bad value is.
                System.getLogger(Main.class.getName()).log(System.Logger.Level.ERROR,
                        "Configuration reload refused, the running configuration stays: " + e.getMessage());
            }
        });
        try {
            signals.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        switchboard.stop();
        System.exit(0);
    }

    // A user's mistake exits with 2 and one line; a fault of the server with 1, and the stack trace in the log.
    private static void reportingFailures(Runnable action) {
        LogConfig.configureRuntime();
        try {
            action.run();
        } catch (StartupException e) {
            System.err.println("switchboard: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException | Error e) {
            System.getLogger(Main.class.getName()).log(System.Logger.Level.DEBUG, "Start failed", e);
            System.err.println("switchboard: failed to start: " + e);
            System.exit(1);
        }
    }

    /**
     * Reads the configuration: the file if given, else the embedded {@code application.yaml}, overridden by
     * environment variables and system properties.
     *
     * @param file the YAML file, if any
     * @return the configuration
     * @throws StartupException if the file is missing or not valid YAML
     */
    public static Config loadConfig(Optional<Path> file) {
        ConfigSource source;
        String name;
        if (file.isPresent()) {
            Path path = file.get();
            if (!Files.isRegularFile(path)) {
                throw new StartupException("--config " + path + ": no such file");
            }
            source = ConfigSources.file(path).build();
            name = path.toString();
        } else {
            source = ConfigSources.classpath("application.yaml").build();
            name = EMBEDDED;
        }
        try {
            Config config = Config.builder()
                    .disableEnvironmentVariablesSource()
                    .addSource(EnvironmentOverrides.source(System.getenv()))
                    .addSource(source)
                    .disableFilterServices()
                    .build();
            // Parse now, so a YAML error surfaces here with the file name and not later without one.
            config.traverse().count();
            return config;
        } catch (ConfigException e) {
            // The YAML parser's message spans several lines (with a source excerpt); the user gets one.
            String reason = String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ").strip();
            throw new StartupException("cannot read " + name + ": " + reason);
        }
    }

    /**
     * The directory of the server's jar (or of its classes): relative paths in the configuration resolve here, so
     * {@code protocols} means the protocols directory next to {@code switchboard.jar}.
     *
     * @return the home directory
     */
    public static Path home() {
        try {
            Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the server's jar", e);
        }
    }
}
