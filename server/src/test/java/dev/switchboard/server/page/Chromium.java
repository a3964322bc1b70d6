package dev.switchboard.server.page;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

import dev.switchboard.server.testing.Prerequisite;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Chromium showing one page, driven by chromium-driver. Debian's {@code chromium} and
 * {@code chromium-driver} are used from fixed paths, so Selenium Manager never runs and nothing is downloaded; each
 * browser gets a fresh profile directory, which {@link #close()} deletes after the driver has stopped the browser.
 */
final class Chromium implements AutoCloseable {

    /** Debian's browser; {@code SWITCHBOARD_CHROMIUM} overrides it. */
    static final Path BROWSER = Path.of(envOr("SWITCHBOARD_CHROMIUM", "/usr/bin/chromium"));
    /** Debian's driver for it; {@code SWITCHBOARD_CHROMEDRIVER} overrides it. */
    static final Path DRIVER = Path.of(envOr("SWITCHBOARD_CHROMEDRIVER", "/usr/bin/chromedriver"));

    // Without the background-networking switches Chromium keeps calling home, which a closed network refuses.
    private static final List<String> ARGUMENTS = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage",
            "--force-device-scale-factor=1", "--lang=en-US", "--hide-scrollbars");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final List<LogEntry> console = new ArrayList<>();

    private Chromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Fails in CI ({@code CI=true}) and skips elsewhere when the browser or the driver is not installed.
     */
    static void requireInstalled() {
        List<String> missing = Stream.of(BROWSER, DRIVER).filter(p -> !Files.isExecutable(p)).map(Path::toString)
                .toList();
        if (!missing.isEmpty()) {
            Prerequisite.missing("Browser tests need Debian's chromium and chromium-driver; not executable: "
                                 + missing + " (apt-get install chromium chromium-driver, as .ci/run does)");
        }
    }

    /**
     * Starts a browser with a window of the given size.
     *
     * @param width  window width in CSS pixels
     * @param height window height in CSS pixels
     * @return the browser, showing {@code about:blank}
     */
    static Chromium start(int width, int height) {
        Path profile;
        try {
            profile = Files.createTempDirectory("switchboard-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(ARGUMENTS);
        options.addArguments("--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // An explicit driver executable is what keeps Selenium Manager from running.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            // Headless windows are at least 500 pixels wide; a phone's width needs the page's viewport set directly.
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                    "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
            return new Chromium(service, driver, profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    /**
     * The driver.
     *
     * @return the driver
     */
    ChromeDriver driver() {
        return driver;
    }

    /**
     * Every console entry at level SEVERE so far (errors, failed loads, uncaught exceptions).
     *
     * @return the entries, as text
     */
    List<String> consoleErrors() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return console.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
    }

    /**
     * Saves a PNG of the whole page (beyond the window when the page is longer).
     *
     * @param file where to write it
     */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, fullPage().orElseGet(() -> driver.getScreenshotAs(OutputType.BYTES)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Optional<byte[]> fullPage() {
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "scale", 1,
                                   "width", ((Number) size.get("width")).doubleValue(),
                                   "height", ((Number) size.get("height")).doubleValue())));
            return Optional.of(Base64.getDecoder().decode((String) shot.get("data")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Quits the browser and its driver and deletes the profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary profile is harmless.
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
