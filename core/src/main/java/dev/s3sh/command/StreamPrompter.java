package dev.s3sh.command;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Asks on plain streams: for one-shot commands run from a terminal. */
public final class StreamPrompter implements Prompter {
    private final BufferedReader in;
    private final PrintWriter out;

    public StreamPrompter(InputStream in, PrintWriter out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public String readSecret(String prompt) {
        Console console = System.console();
        if (console == null) return null;
        char[] secret = console.readPassword("%s", prompt);
        return secret == null ? null : new String(secret);
    }

    @Override
    public String readLine(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
