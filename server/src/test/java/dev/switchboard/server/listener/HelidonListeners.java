package dev.switchboard.server.listener;

/**
 * The Helidon listeners of the test-plugins module, written as Helidon's documentation and examples write them:
 * nothing in them knows of Switchboard. Jars: {@code helidon-listeners} lists all four, {@code helidon-echo} and
 * {@code helidon-journal} one each.
 */
final class HelidonListeners {

    static final String ECHO = "dev.switchboard.testplugins.helidonecho.EchoService";
    static final String JOURNAL = "dev.switchboard.testplugins.helidonjournal.JournalListener";
    static final String GATE = "dev.switchboard.testplugins.helidongate.GateListener";
    static final String PROBE = "dev.switchboard.testplugins.helidonprobe.ProbeListener";

    /**
     * The YAML that names every listener of {@code helidon-listeners}: a jar whose listeners are not all named fails.
     * The probe's subprotocol is not {@code probe}, the name of the test plugin that probes from a protocol jar.
     */
    static final String NAMES = """
              protocols:
                helidon-echo:
                  listener: %s
                journal:
                  listener: %s
                gate:
                  listener: %s
                listener-probe:
                  listener: %s
            """.formatted(ECHO, JOURNAL, GATE, PROBE);

    private HelidonListeners() {
    }
}
