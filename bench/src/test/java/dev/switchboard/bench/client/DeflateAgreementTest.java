package dev.switchboard.bench.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the client accepts of a server's permessage-deflate answer, and what it refuses, by name. */
class DeflateAgreementTest {

    private static String answer(String extensions) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
    }

    private static DeflateAgreement negotiate(String extensions, DeflateOffer offer) {
        return DeflateAgreement.negotiate(answer(extensions), offer);
    }

    @Test
    void noExtensionAnsweredMeansUncompressed() {
        assertNull(negotiate(null, DeflateOffer.CONTEXT_TAKEOVER));
        assertNull(negotiate(null, DeflateOffer.OFF));
    }

    @Test
    void readsWhatSwitchboardWillAnswer() {
        assertAgreed("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                     DeflateOffer.NO_CONTEXT_TAKEOVER, new DeflateAgreement(true, true, 15));
    }

    @Test
    void acceptsWhatAServerMayAddUnasked() {
        assertAgreed("Permessage-Deflate;client_no_context_takeover; server_max_window_bits=\"10\"",
                     DeflateOffer.CONTEXT_TAKEOVER, new DeflateAgreement(false, true, 10));
    }

    @Test
    void refusesParametersNotOfferedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> negotiate(
                "permessage-deflate; client_max_window_bits=10; x_fast", DeflateOffer.CONTEXT_TAKEOVER));
        assertTrue(e.getMessage().contains("client_max_window_bits=10, x_fast"), e.getMessage());
    }

    @Test
    void refusesExtensionsNotOffered() {
        assertRefused("permessage-deflate", DeflateOffer.OFF);
        assertRefused("x-webkit-deflate-frame", DeflateOffer.CONTEXT_TAKEOVER);
        assertRefused("permessage-deflate, permessage-deflate", DeflateOffer.CONTEXT_TAKEOVER);
    }

    @Test
    void refusesMalformedParameters() {
        assertRefused("permessage-deflate; server_max_window_bits=16", DeflateOffer.CONTEXT_TAKEOVER);
        assertRefused("permessage-deflate; server_no_context_takeover=1", DeflateOffer.CONTEXT_TAKEOVER);
        assertRefused("permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                      DeflateOffer.CONTEXT_TAKEOVER);
    }

    private static void assertAgreed(String extensions, DeflateOffer offer, DeflateAgreement expected) {
        assertEquals(expected, negotiate(extensions, offer));
    }

    private static void assertRefused(String extensions, DeflateOffer offer) {
        assertThrows(IllegalArgumentException.class, () -> negotiate(extensions, offer));
    }
}
