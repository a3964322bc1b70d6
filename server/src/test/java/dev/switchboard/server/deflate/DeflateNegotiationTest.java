package dev.switchboard.server.deflate;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * RFC 7692 section 7 negotiation: the first acceptable offer across every header wins, each parameter in every value
 * form, and the offers that are declined.
 */
class DeflateNegotiationTest {

    @Test
    void noOfferNoExtension() {
        assertThat(DeflateNegotiation.negotiate(List.of()), is(Optional.empty()));
        assertThat(DeflateNegotiation.negotiate(List.of("x-webkit-deflate-frame")), is(Optional.empty()));
    }

    @Test
    void aBareOfferGetsServerNoContextTakeoverAdded() {
        assertThat(answer("permessage-deflate"), is("permessage-deflate; server_no_context_takeover"));
    }

    @Test
    void everyParameterIsAnsweredAsAccepted() {
        assertThat(answer("permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                                  + "server_max_window_bits=15; client_max_window_bits=9"),
                   is("permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                              + "server_max_window_bits=15; client_max_window_bits=9"));
    }

    @Test
    void clientMaxWindowBitsWithoutAValueIsAcceptedAndNotAnswered() {
        assertThat(answer("permessage-deflate; client_max_window_bits"),
                   is("permessage-deflate; server_no_context_takeover"));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 12, 14})
    void aSmallServerWindowIsAcceptedAndBoundsTheMessagesCompressed(int bits) {
        DeflateParameters accepted = DeflateNegotiation
                .negotiate(List.of("permessage-deflate; server_max_window_bits=" + bits)).orElseThrow();
        assertThat(accepted.responseHeader(),
                   is("permessage-deflate; server_no_context_takeover; server_max_window_bits=" + bits));
        assertThat(accepted.largestCompressedMessage(), is(1 << bits));
    }

    @Test
    void aFullWindowBoundsNothing() {
        assertThat(DeflateNegotiation.negotiate(List.of("permessage-deflate; server_max_window_bits=15"))
                           .orElseThrow().largestCompressedMessage(), is(Integer.MAX_VALUE));
        assertThat(DeflateNegotiation.negotiate(List.of("permessage-deflate")).orElseThrow()
                           .largestCompressedMessage(), is(Integer.MAX_VALUE));
    }

    @Test
    void quotedValuesAndSpacingAreRead() {
        assertThat(answer("permessage-deflate ;client_max_window_bits = \"10\" ; server_max_window_bits=\"15\""),
                   is("permessage-deflate; server_no_context_takeover; server_max_window_bits=15; "
                              + "client_max_window_bits=10"));
    }

    @Test
    void theFirstAcceptableOfferAcrossHeadersWins() {
        assertThat(DeflateNegotiation.negotiate(List.of("foo, permessage-deflate; bogus",
                                                        "permessage-deflate; server_max_window_bits=16",
                                                        "permessage-deflate; client_no_context_takeover",
                                                        "permessage-deflate"))
                           .map(DeflateParameters::responseHeader),
                   is(Optional.of("permessage-deflate; server_no_context_takeover; client_no_context_takeover")));
    }

    @Test
    void aCommaInsideAQuotedValueDoesNotSplitOffers() {
        assertThat(DeflateNegotiation.negotiate(List.of("permessage-deflate; client_max_window_bits=\"1,2\"")),
                   is(Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "permessage-deflate; unknown",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            "permessage-deflate; client_max_window_bits=10; client_max_window_bits=11",
            "permessage-deflate; server_no_context_takeover=1",
            "permessage-deflate; client_no_context_takeover=\"x\"",
            "permessage-deflate; server_max_window_bits",
            "permessage-deflate; server_max_window_bits=7",
            "permessage-deflate; server_max_window_bits=16",
            "permessage-deflate; server_max_window_bits=08",
            "permessage-deflate; client_max_window_bits=7",
            "permessage-deflate; client_max_window_bits=16",
            "permessage-deflate; client_max_window_bits=010",
            "permessage-deflate; client_max_window_bits=ten",
            "permessage-deflate; client_max_window_bits=\"\"",
    })
    void malformedOrUnsupportedOffersAreDeclined(String offer) {
        assertThat(DeflateNegotiation.negotiate(List.of(offer)), is(Optional.empty()));
    }

    private static String answer(String offer) {
        return DeflateNegotiation.negotiate(List.of(offer)).map(DeflateParameters::responseHeader).orElseThrow();
    }
}
