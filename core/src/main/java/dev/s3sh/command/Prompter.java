package dev.s3sh.command;

/** Asks the user something. Only the REPL and the full-screen mode have a real one. */
public interface Prompter {
    /** True when there is a person to ask. */
    boolean interactive();

    /**
     * Asks a yes/no question; anything but yes is no. By default the question is asked with
     * {@link #readLine} and "y" or "yes" (any case, spaces around) is yes; a cancelled line is no.
     */
    default boolean confirm(String question) {
        String answer = readLine(question + " [y/N] ");
        if (answer == null) return false;
        String a = answer.trim();
        return a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes");
    }

    /** Reads a line without echo (for secrets); null if cancelled. */
    String readSecret(String prompt);

    /** Reads a line; null if cancelled. */
    String readLine(String prompt);

    /** Someone who answers yes/no questions through {@code answer} and is never asked for text. */
    static Prompter confirming(java.util.function.Predicate<String> answer) {
        return new Prompter() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public boolean confirm(String question) {
                return answer.test(question);
            }

            @Override
            public String readSecret(String prompt) {
                return null;
            }

            @Override
            public String readLine(String prompt) {
                return null;
            }
        };
    }

    /** For scripts and one-shot runs: nobody to ask. */
    Prompter NONE = new Prompter() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public boolean confirm(String question) {
            return false;
        }

        @Override
        public String readSecret(String prompt) {
            return null;
        }

        @Override
        public String readLine(String prompt) {
            return null;
        }
    };
}
