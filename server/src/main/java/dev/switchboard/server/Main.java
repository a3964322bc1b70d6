package dev.switchboard.server;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.switchboard.server.config.EnvironmentOverrides;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;
import io.helidon.logging.common.LogConfig;

/**
 * The command line: {@code switchboard [--config FILE]}. Starts the server on the embedded default configuration,
 * or on the given YAML file; environment variables and system properties override either (for example
 * {@code SERVER_PORT=9100}).
 */
public final class Main {

    private static final String USAGE = """
            Usage: switchboard [--config FILE]

              --config FILE   YAML configuration to use instead of the embedded default
              --help          show this help

            Environment variables and -D system properties override configuration keys,
            e.g. SERVER_PORT=9100 or -Dswitchboard.max-message-size=16MiB.
            """;

    private Main() {
    }

    /**
     * Starts the server, or exits non-zero with a one-line reason.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        try {
            Optional<Path> configFile = configFile(args);
            Switchboard switchboard = Switchboard.start(loadConfig(configFile), home());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                switchboard.stop();
                // SIGTERM and Ctrl-C would end the JVM with 143 or 130; a shutdown that went as planned is exit 0.
                Runtime.getRuntime().halt(0);
            }, "switchboard-shutdown"));
        } catch (StartupException e) {
            System.err.println("switchboard: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException | Error e) {
            // Not a user mistake but a fault of the server: one line here, the stack trace in the log.
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
            name = "the embedded application.yaml";
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

    private static Optional<Path> configFile(String[] args) {
        Optional<Path> file = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(USAGE);
                System.exit(0);
            } else if (arg.equals("--config")) {
                if (i + 1 == args.length) {
                    throw new StartupException("--config needs a file name: --config FILE");
                }
                file = Optional.of(Path.of(args[++i]));
            } else if (arg.startsWith("--config=")) {
                file = Optional.of(Path.of(arg.substring("--config=".length())));
            } else {
                throw new StartupException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        return file;
    }
}
