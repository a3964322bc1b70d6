package dev.switchboard.server.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.switchboard.server.Main;

/**
 * The server's command run as a process, as {@code java -jar switchboard.jar ARGS} runs it (with the test class path
 * instead of the jar, which the build packs only after the tests) or as {@code ./switchboard} runs it on the module
 * path, without the environment's {@code SERVER_*} and {@code SWITCHBOARD_*} variables: here to its exit;
 * {@code lifecycle.ServerProcess} runs it as a server that keeps serving.
 */
public final class ServerCommand {

    private static final long TIMEOUT_SECONDS = 30;

    private ServerCommand() {
    }

    /**
     * Runs the command and waits for it to exit.
     *
     * @param args the server's arguments
     * @return exit code and output
     * @throws Exception if it does not exit within 30 s
     */
    public static Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    /**
     * Runs the command with extra environment variables and waits for it to exit.
     *
     * @param env  variables to set (the caller's SERVER_* and SWITCHBOARD_* ones are removed first)
     * @param args the server's arguments
     * @return exit code and output
     * @throws Exception if it does not exit within 30 s
     */
    public static Result run(Map<String, String> env, String... args) throws Exception {
        Process process = launch(onClassPath(args), env);
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stdout = readAll(process.getInputStream());
            CompletableFuture<String> stderr = readAll(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("switchboard " + String.join(" ", args) + " did not exit within "
                                                 + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), stdout.get(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                              stderr.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * The command line that runs the server's main class on the test's class path.
     *
     * @param args the server's arguments
     * @return the command
     */
    public static List<String> onClassPath(String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        // As the launcher starts it: a full heap ends the process.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The command line that runs the server as {@code ./switchboard} does: its module and its libraries on the
     * module path, with the options of {@code config/jvm.args}. The libraries are those the build copied to
     * {@code server/target/libs} before the tests.
     *
     * @param args the server's arguments
     * @return the command
     */
    public static List<String> onModulePath(String... args) {
        // The tests run from server/target/classes: Main.home() is server/target.
        Path target = Main.home();
        Path classes = target.resolve("classes");
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("@" + target.getParent().getParent().resolve("config").resolve("jvm.args"));
        command.add("--module-path");
        command.add(classes + File.pathSeparator + target.resolve("libs"));
        command.add("--add-modules");
        command.add("ALL-MODULE-PATH,java.se");
        command.add("--module");
        command.add("dev.switchboard.server/" + Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Starts a command without the environment's {@code SERVER_*} and {@code SWITCHBOARD_*} variables.
     *
     * @param command the command line
     * @param env     variables to set
     * @return the process
     * @throws IOException if it cannot be started
     */
    public static Process launch(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("SERVER_") || name.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    // Read on threads of their own, so that neither pipe fills up and blocks the process.
    private static CompletableFuture<String> readAll(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        });
        return text;
    }

    /**
     * How the command ended.
     *
     * @param exitCode the exit code
     * @param stdout   everything on standard output
     * @param stderr   everything on standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {

        /**
         * Standard error, line by line.
         *
         * @return the lines
         */
        public List<String> stderrLines() {
            return stderr.lines().toList();
        }

        /**
         * Everything, for assertion messages.
         *
         * @return exit code, stdout and stderr
         */
        public String describe() {
            return "exit " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }
}
