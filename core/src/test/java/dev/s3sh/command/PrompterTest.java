package dev.s3sh.command;

import dev.s3sh.command.Prompter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The yes/no answer every line-reading prompter shares. */
class PrompterTest {
    /** Answers every readLine with {@code answer} and remembers the prompts it was shown. */
    private static Prompter answering(String answer, List<String> prompts) {
        return new Prompter() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String readSecret(String prompt) {
                return null;
            }

            @Override
            public String readLine(String prompt) {
                prompts.add(prompt);
                return answer;
            }
        };
    }

    @Test
    void yesInAnyCaseAndWithSpacesIsYes() {
        for (String yes : List.of("y", "Y", "yes", "YES", " yes ", "Yes\t")) {
            assertTrue(answering(yes, new ArrayList<>()).confirm("go?"), "'" + yes + "'");
        }
    }

    @Test
    void anythingElseOrACancelledLineIsNo() {
        for (String no : new String[]{"", "n", "no", "yep", "y e s", "ye", null}) {
            assertFalse(answering(no, new ArrayList<>()).confirm("go?"), "'" + no + "'");
        }
    }

    @Test
    void theQuestionCarriesTheDefault() {
        List<String> prompts = new ArrayList<>();
        answering("n", prompts).confirm("Delete 3 objects?");
        assertEquals(List.of("Delete 3 objects? [y/N] "), prompts);
    }
}
