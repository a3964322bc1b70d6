package dev.switchboard.server.lifecycle;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.switchboard.server.Main;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestPlugins;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * A plugin that fills the heap ends the process started by the launcher, with a non-zero exit code, so that a
 * supervisor restarts it, instead of leaving it up and healthy while its sessions fail.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HeapExhaustionTest {

    /** Generous for a loaded machine: the heap fills in well under a second. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);
    private static final Pattern SERVES = Pattern.compile("serves http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path tempDir;

    @Test
    void aPluginThatFillsTheHeapEndsTheLaunchedServerWithANonZeroExitCode() throws Exception {
        Path install = installation();
        TestPlugins.copyInto(install.resolve("server/target/protocols"), "hog");
        Process process = launch(install, "-Xmx64m");
        try {
            StringBuilder output = new StringBuilder();
            int port = awaitPort(process, output);
            try (TestClient hog = TestClient.connect(URI.create("ws://127.0.0.1:" + port + "/"), "hog")) {
                hog.send("fill");
                boolean exited = process.waitFor(EXIT_WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat("the process ended after the heap filled:\n" + output, exited, is(true));
                assertThat("exit code:\n" + output, process.exitValue(), not(is(0)));
            }
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    // The launcher and an installation as the build lays it out (server/target/switchboard.jar, libs/, protocols/,
    // config/jvm.args), the jar packed here from the compiled classes, since the build packs the real one only after
    // the tests.
    private Path installation() throws IOException {
        Path repo = Main.home().getParent().getParent();
        Path install = tempDir.resolve("install");
        Path target = Files.createDirectories(install.resolve("server/target"));
        Files.copy(repo.resolve("switchboard"), install.resolve("switchboard"));
        Files.copy(repo.resolve("config/jvm.args"), Files.createDirectories(install.resolve("config"))
                .resolve("jvm.args"));
        Files.createSymbolicLink(target.resolve("libs"), Main.home().resolve("libs"));
        TestServer.protocolsDirWithBuiltIns(target);
        Path classes = Main.home().resolve("classes");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(target.resolve("switchboard.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        Files.writeString(install.resolve("switchboard.yaml"),
                          "server:\n  host: 127.0.0.1\n  port: 0\nswitchboard:\n  protocols-dir: \""
                                  + target.resolve("protocols").toAbsolutePath() + "\"\n");
        return install;
    }

    private static Process launch(Path install, String... jvmOptions) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", install.resolve("switchboard").toString());
        builder.command().addAll(Arrays.asList(jvmOptions));
        builder.command().addAll(List.of("--config", install.resolve("switchboard.yaml").toString()));
        builder.environment().keySet().removeIf(name -> name.startsWith("SERVER_") || name.startsWith("SWITCHBOARD_")
                || name.equals("JAVA_OPTS"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    private static int awaitPort(Process process, StringBuilder output) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher served = SERVES.matcher(line);
                    if (served.find()) {
                        port.complete(Integer.parseInt(served.group(1)));
                    }
                }
                port.completeExceptionally(new AssertionError("the launcher ended before serving:\n" + output));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        });
        return port.get(60, TimeUnit.SECONDS);
    }
}
