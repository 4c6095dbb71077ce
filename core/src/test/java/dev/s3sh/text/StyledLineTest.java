package dev.s3sh.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StyledLineTest {
    @Test
    void colourOnlyWhenAllowedAndOutsideTextAlwaysEscaped() {
        StyledLine line = new StyledLine().plain("origin \u001b]0;pwned\u0007 ").add("+", StyledLine.Tone.GOOD);
        assertEquals("origin \\x1b]0;pwned\\x07 +", line.render(false));
        assertEquals("origin \\x1b]0;pwned\\x07 \u001b[32m+\u001b[0m", line.render(true));
    }
}
