package dev.s3sh.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DidYouMeanTest {
    @Test
    void onlyNearMissesAreSuggested() {
        assertEquals(Optional.of("ls"), DidYouMean.closest("lss", List.of("cd", "ls", "cors")));
        assertEquals(Optional.of("origin"), DidYouMean.closest("orign", List.of("method", "origin", "header")));
        assertEquals(Optional.of("atlanta"), DidYouMean.closest("Atlnta", List.of("amsterdam", "atlanta")));
        assertEquals(Optional.empty(), DidYouMean.closest("frobnicate", List.of("cd", "ls", "cors")), "no wild guesses");
        assertEquals(Optional.empty(), DidYouMean.closest("", List.of("a")));
    }

    @Test
    void anUnknownProfileNamesTheNearestOne(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "[profile atlanta]\nregion = us-southeast-1\n[profile amsterdam]\nregion = nl-ams-1\n");
        ProfileResolver resolver = new ProfileResolver(Map.of("HOME", home.toString()));
        ConfigException e = assertThrows(ConfigException.class,
                () -> resolver.resolve(new ConnectionOptions(null, null, null, "atlnta", null)));
        assertTrue(e.getMessage().contains("there is no profile 'atlnta'") && e.getMessage().contains("did you mean 'atlanta'?")
                && e.getMessage().contains("amsterdam"), e.getMessage());
    }
}
