package dev.switchboard.server.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The server's command line, parsed: what to do, and with which configuration file.
 *
 * @param action     what to do
 * @param configFile the {@code --config} file, if given
 */
public record CommandLine(Action action, Optional<Path> configFile) {

    /** The usage text, for {@code --help} and for a command line that cannot be parsed. */
    public static final String USAGE = """
            Usage: switchboard [--config FILE] [--check-config]
                   switchboard --version | --help

              --config FILE    YAML configuration to use instead of the embedded default
              --check-config   load and validate the configuration and the protocol jars, print the
                               protocols that would be served, and exit (0: fine, 2: an error);
                               listens on no port
              --version        print the versions of Switchboard, Helidon and Java
              --help, -h       show this help

            Environment variables and -D system properties override configuration keys,
            e.g. SERVER_PORT=9100 or -Dswitchboard.max-message-size=16MiB.
            """;

    /** What the command line asks for. */
    public enum Action {
        /** Run the server. */
        SERVE,
        /** Validate the configuration and the protocols, then exit. */
        CHECK_CONFIG,
        /** Print the versions. */
        VERSION,
        /** Print the usage. */
        HELP
    }

    /**
     * Parses the arguments. {@code --help} wins over everything else, {@code --version} over everything but
     * {@code --help} and mistakes.
     *
     * @param args the arguments
     * @return the command line
     * @throws UsageException for an unknown option or a missing file name
     */
    public static CommandLine parse(String... args) {
        Optional<Path> file = Optional.empty();
        Optional<String> error = Optional.empty();
        boolean help = false;
        boolean version = false;
        boolean check = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--check-config" -> check = true;
                case "--config" -> {
                    // "--config --check-config" forgot the file; it does not name a file "--check-config".
                    if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                        error = error.or(() -> Optional.of("--config needs a file name: --config FILE"));
                    } else {
                        file = Optional.of(Path.of(args[++i]));
                    }
                }
                default -> {
                    if (arg.startsWith("--config=")) {
                        file = Optional.of(Path.of(arg.substring("--config=".length())));
                    } else {
                        String what = arg.startsWith("-") ? "option" : "argument";
                        error = error.or(() -> Optional.of("unknown " + what + " '" + arg + "'"));
                    }
                }
            }
        }
        if (help) {
            return new CommandLine(Action.HELP, file);
        }
        if (error.isPresent()) {
            throw new UsageException(error.get());
        }
        Action action = version ? Action.VERSION : check ? Action.CHECK_CONFIG : Action.SERVE;
        return new CommandLine(action, file);
    }

    /** A command line that cannot be parsed; the message says why, without the usage text. */
    public static final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
