package dev.switchboard.server.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Maven that runs these tests, started as a user would start it: the same installation, JDK and local repository,
 * as a separate process. Its locations come from system properties that {@code server/pom.xml} sets.
 */
final class Maven {

    // A safety net against a hung build, not a measure: a cold build with downloads takes a minute or two.
    private static final long MAX_MINUTES = 10;

    private Maven() {
    }

    /**
     * Installs the protocol API this build made into the local repository, as {@code ./switchboard build} does: the
     * jar and its flattened pom. The example then builds against this checkout's API, not one installed earlier
     * from another checkout.
     *
     * @param log where Maven's output goes
     * @throws IOException if Maven cannot be started
     * @throws InterruptedException if interrupted while Maven runs
     */
    static void installApi(Path log) throws IOException, InterruptedException {
        Path jar = Path.of(property("switchboard.api.jar"));
        Path pom = Path.of(property("switchboard.api.pom"));
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(pom)) {
            throw new IllegalStateException("The API jar or its flattened pom is missing (" + jar + ", " + pom
                    + "): package protocols-api first (mvn -pl server -am ...)");
        }
        run(log.getParent(), log, List.of(
                "org.apache.maven.plugins:maven-install-plugin:" + property("switchboard.maven.install-plugin")
                        + ":install-file",
                "-Dfile=" + jar, "-DpomFile=" + pom));
    }

    /**
     * Runs {@code mvn package} in a project.
     *
     * @param project the project's folder, holding its pom.xml
     * @param log     where Maven's output goes
     * @throws IOException if Maven cannot be started
     * @throws InterruptedException if interrupted while Maven runs
     */
    static void packageProject(Path project, Path log) throws IOException, InterruptedException {
        run(project, log, List.of("package"));
    }

    private static void run(Path dir, Path log, List<String> goals) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(property("switchboard.maven.home"), "bin", "mvn").toString());
        command.add("-B");
        command.add("-Dmaven.repo.local=" + property("switchboard.maven.repo"));
        command.addAll(goals);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process maven = builder.start();
        if (!maven.waitFor(MAX_MINUTES, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new AssertionError("mvn " + goals + " in " + dir + " still ran after " + MAX_MINUTES + " minutes");
        }
        if (maven.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new AssertionError("mvn " + goals + " in " + dir + " failed (exit " + maven.exitValue() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: server/pom.xml's surefire"
                    + " configuration sets it; run this test through Maven");
        }
        return value;
    }
}
