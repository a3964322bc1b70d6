package dev.switchboard.server.config;

import java.time.Duration;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The value parsers of the configuration.
 */
class ConfigValuesTest {

    private static final String KEY = "switchboard.test.key";

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "50ms, PT0.05S",
            "2s, PT2S",
            "1.5s, PT1.5S",
            "5m, PT5M",
            "1h, PT1H",
            "PT0.05S, PT0.05S",
            "pt2s, PT2S",
            "0s, PT0S"
    })
    void durationsWithUnitsAndIsoDurationsAreRead(String text, String expected) {
        assertThat(ConfigValues.duration(KEY, text), is(Duration.parse(expected)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "-1s", "-PT1S", "10", "5 minutes", ""})
    void durationsThatDoNotParseOrAreNegativeAreRefusedNamingKeyAndValue(String text) {
        assertRefusedNamingKeyAndValue(() -> ConfigValues.duration(KEY, text), text);
    }

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
            "65536, 65536",
            "64KiB, 65536",
            "16MiB, 16777216",
            "1GiB, 1073741824",
            "100B, 100",
            "1, 1"
    })
    void sizesInBytesAndBinaryUnitsAreRead(String text, long expected) {
        assertThat(ConfigValues.size(KEY, text), is(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "1.5MiB", "0", "0KiB", "64kb", "lots", "99999999999GiB"})
    void sizesThatAreNotPositiveWholeByteCountsAreRefusedNamingKeyAndValue(String text) {
        assertRefusedNamingKeyAndValue(() -> ConfigValues.size(KEY, text), text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "9000, 9000", "65535, 65535", "' 80 ', 80"})
    void portsFromZeroTo65535AreRead(String text, int expected) {
        assertThat(ConfigValues.port(KEY, text), is(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "65536", "80.5"})
    void portsOutsideTheRangeOrNotNumbersAreRefused(String text) {
        assertRefusedNamingKeyAndValue(() -> ConfigValues.port(KEY, text), text);
    }

    @ParameterizedTest
    @CsvSource({"true, true", "FALSE, false", "True, true"})
    void booleansAreTrueOrFalseInAnyCase(String text, boolean expected) {
        assertThat(ConfigValues.bool(KEY, text), is(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on"})
    void otherBooleanSpellingsAreRefused(String text) {
        assertRefusedNamingKeyAndValue(() -> ConfigValues.bool(KEY, text), text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "10, 10", " 10000 , 10000"})
    void countsAreWholeNumbersOfZeroOrMore(String text, int expected) {
        assertThat(ConfigValues.count(KEY, text), is(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "ten", "", "99999999999"})
    void otherCountsAreRefusedNamingKeyAndValue(String text) {
        assertRefusedNamingKeyAndValue(() -> ConfigValues.count(KEY, text), text);
    }

    @ParameterizedTest(name = "{0} bytes are {1}")
    @CsvSource({"1048576, 1MiB", "1572864, 1536KiB", "1073741824, 1GiB", "1000, 1000", "65536, 64KiB"})
    void sizesAreWrittenInTheLargestWholeUnit(long bytes, String expected) {
        assertThat(ConfigValues.sizeText(bytes), is(expected));
        assertThat(ConfigValues.size(KEY, expected), is(bytes));
    }

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({"0, 0", "0KiB, 0", "1, 1", "2MiB, 2097152"})
    void byteCountsMayBeZero(String text, long expected) {
        assertThat(ConfigValues.byteCount(KEY, text), is(expected));
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({"PT0S, 0s", "PT0.001S, 1ms", "PT0.25S, 250ms", "PT1.5S, 1500ms", "PT90S, 90s", "PT2M, 2m",
                "PT1H, 1h", "PT8760H, 8760h", "PT0.0005S, PT0.0005S"})
    void durationsAreWrittenInTheLargestWholeUnitThatReadsBack(String iso, String expected) {
        Duration duration = Duration.parse(iso);
        assertThat(ConfigValues.durationText(duration), is(expected));
        assertThat(ConfigValues.duration(KEY, expected), is(duration));
    }

    private static void assertRefusedNamingKeyAndValue(Executable parse, String text) {
        ConfigError error = assertThrows(ConfigError.class, parse);
        assertThat(error.getMessage(), allOf(containsString(KEY), containsString("'" + text + "'")));
    }
}
