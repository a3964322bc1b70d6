package dev.switchboard.server;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class CarrierThreadsTest {

    @Test
    void oneCpuGetsTwoCarriers() {
        assertThat(CarrierThreads.parallelism(1, null), is(Optional.of("2")));
    }

    @Test
    void twoOrMoreCpusKeepTheJdkDefault() {
        assertThat(CarrierThreads.parallelism(2, null), is(Optional.empty()));
        assertThat(CarrierThreads.parallelism(16, null), is(Optional.empty()));
    }

    @Test
    void theUsersChoiceWins() {
        assertThat(CarrierThreads.parallelism(1, "1"), is(Optional.empty()));
    }
}
