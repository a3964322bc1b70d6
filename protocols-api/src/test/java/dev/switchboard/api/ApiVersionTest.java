package dev.switchboard.api;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading versions and the rule for which plugins a server runs.
 */
class ApiVersionTest {

    @Test
    void theCurrentVersionIsTheOneThisBuildFilteredIntoTheJar() {
        assertEquals("1.2.0", ApiVersion.current().toString());
    }

    @Test
    void versionsAreReadWithOrWithoutPatchAndQualifier() {
        assertEquals(Optional.of(new ApiVersion(1, 0, 0)), ApiVersion.parse("1.0"));
        assertEquals(Optional.of(new ApiVersion(1, 2, 3)), ApiVersion.parse(" 1.2.3 "));
        assertEquals(Optional.of(new ApiVersion(1, 1, 0)), ApiVersion.parse("1.1.0-SNAPSHOT"));
        assertEquals(Optional.empty(), ApiVersion.parse("one"));
        assertEquals(Optional.empty(), ApiVersion.parse("1"));
        assertEquals(Optional.empty(), ApiVersion.parse(""));
    }

    @Test
    void aServerProvidesItsOwnMajorMinorAndOlderButNoNewerMinorOrMajor() {
        ApiVersion server = new ApiVersion(1, 2, 0);
        assertTrue(server.provides(new ApiVersion(1, 2, 9)), "a newer patch adds nothing to call");
        assertTrue(server.provides(new ApiVersion(1, 0, 0)));
        assertTrue(server.provides(new ApiVersion(0, 9, 0)));
        assertFalse(server.provides(new ApiVersion(1, 3, 0)));
        assertFalse(server.provides(new ApiVersion(2, 0, 0)));
    }
}
