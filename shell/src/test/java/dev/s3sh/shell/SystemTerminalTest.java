package dev.s3sh.shell;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemTerminalTest {
    @Test
    void aTypeJLineShipsIsNotAskedOfInfocmp() {
        // JLine 3.30 keeps what infocmp answered here, and asks infocmp (a process) when it is empty
        SystemTerminal.useShippedCapabilities("screen-256color");
        String loaded = InfoCmp.getLoadedInfoCmp("screen-256color");
        assertNotNull(loaded);
        assertEquals(InfoCmp.getDefaultInfoCmp("screen-256color"), loaded);
    }

    @Test
    void aTypeJLineDoesNotShipIsLeftToInfocmp() {
        SystemTerminal.useShippedCapabilities("s3sh-no-such-terminal");
        assertNull(InfoCmp.getLoadedInfoCmp("s3sh-no-such-terminal"));
        SystemTerminal.useShippedCapabilities(null);
        SystemTerminal.useShippedCapabilities("");
    }

    @Test
    void theJniProviderAloneGivesARealTerminalHere() throws Exception {
        try (Terminal terminal = SystemTerminal.jniOnly(TerminalBuilder.builder())
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).type("xterm-256color").build()) {
            assertEquals("xterm-256color", terminal.getType());
            // a pseudo-terminal of JLine's JNI provider, not the stream-only terminal it falls back on
            assertTrue(terminal.getClass().getSimpleName().contains("Pty"), terminal.getClass().getName());
        }
    }
}
