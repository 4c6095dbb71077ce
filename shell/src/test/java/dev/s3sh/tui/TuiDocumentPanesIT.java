package dev.s3sh.tui;

import dev.s3sh.testing.LocalRgw;
import dev.s3sh.testing.Tmux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Policy (F7) and Lifecycle (F8) panes in a real terminal (tmux) against the real RGW, with the
 * CORS pane's keys: the policy is shown, edited through a scripted EDITOR (diff in the dialog, push,
 * read back) and undone; the read-only-user template asks for its user, is pushed and undone; a lifecycle template is applied to a bucket without one and undone.
 */
class TuiDocumentPanesIT {

    @Test
    void policyAndLifecyclePanesShowEditTemplateAndUndo(@TempDir Path dir) throws Exception {
        String bucket = LocalRgw.newBucket("tui-doc");
        try {
            String policy = """
                    {"Version":"2012-10-17","Statement":[{"Sid":"PublicReadForWebSite","Effect":"Allow","Principal":"*",\
                    "Action":["s3:GetObject"],"Resource":["arn:aws:s3:::%s/*"]}]}""".formatted(bucket);
            LocalRgw.store().putPolicy(bucket, policy);
            Map<String, String> env = TuiTerminalIT.env(dir);
            Path editor = dir.resolve("policy-editor.sh");
            Files.writeString(editor, "#!/bin/sh\nsed -i 's#PublicReadForWebSite#EditedOnTheScreen#' \"$1\"\n");
            assertTrue(editor.toFile().setExecutable(true));
            env.put("VISUAL", editor.toString());
            String launcher = LocalRgw.projectDir().resolve("s3sh").toString();
            try (Tmux t = Tmux.start("tuidoc", 100, 30, env, launcher + " --endpoint " + LocalRgw.endpoint())) {
                t.waitFor("s3:// >");
                t.type("cd " + bucket).keys("Enter");
                t.waitFor("s3://" + bucket + "/ >");
                t.type("tui").keys("Enter");
                t.waitFor("F7 Policy");

                t.keys("F7");
                t.waitFor("Policy of s3://" + bucket);
                t.waitFor("PublicReadForWebSite");                    // the server's policy, as 'policy show' prints it
                t.type("e");
                t.waitFor("Push this policy to s3://" + bucket + "?");  // the shell's own edit loop, in a dialog
                t.waitFor("EditedOnTheScreen");                        // the diff, before anything is sent
                assertTrue(LocalRgw.store().getPolicy(bucket).orElseThrow().contains("PublicReadForWebSite"), "pushed before the answer");
                t.type("y");
                t.waitFor(": policy updated:");
                t.waitUntil("the pane to show the pushed policy", s -> s.contains("EditedOnTheScreen") && !s.contains("Push this"));
                assertTrue(LocalRgw.store().getPolicy(bucket).orElseThrow().contains("EditedOnTheScreen"));

                t.type("u");
                t.waitFor("Push this policy to s3://" + bucket + "?");
                t.type("y");
                t.waitUntil("the undone policy", s -> s.contains("PublicReadForWebSite") && !s.contains("Push this"));
                assertTrue(LocalRgw.store().getPolicy(bucket).orElseThrow().contains("PublicReadForWebSite"));

                t.type("t");                                            // a template that asks for the user it is for
                t.waitFor("Template for s3://" + bucket);
                t.waitFor("read-only-user");
                t.keys("Down").keys("Enter");                           // the second: read-only-user
                t.waitFor("User name or IAM ARN that may read s3://" + bucket);
                t.type("s3sh").keys("Enter");                           // the local RGW's own user
                t.waitFor("Push this policy to s3://" + bucket + "?");
                t.waitFor("arn:aws:iam:::user/s3sh");
                t.type("y");
                t.waitUntil("the pushed template", s -> s.contains("ReadOnlyForOneUser") && !s.contains("Push this"));
                assertTrue(LocalRgw.store().getPolicy(bucket).orElseThrow().contains("arn:aws:iam:::user/s3sh"));
                t.type("u");
                t.waitFor("Push this policy to s3://" + bucket + "?");
                t.type("y");
                t.waitUntil("the template undone", s -> s.contains("PublicReadForWebSite") && !s.contains("Push this"));
                assertTrue(LocalRgw.store().getPolicy(bucket).orElseThrow().contains("PublicReadForWebSite"));

                t.keys("F8");
                t.waitFor("Lifecycle of s3://" + bucket);
                t.waitFor("has no lifecycle configuration");
                t.type("t");
                t.waitFor("Template for s3://" + bucket);
                t.keys("Enter");                                        // the first: abort-incomplete-uploads
                t.waitFor("Push this lifecycle configuration to s3://" + bucket + "?");
                t.type("y");
                t.waitUntil("the pushed template", s -> s.contains("<DaysAfterInitiation>7</DaysAfterInitiation>") && !s.contains("Push this"));
                assertTrue(LocalRgw.store().getLifecycle(bucket).orElseThrow().contains("<DaysAfterInitiation>7<"));
                t.type("u");
                t.waitFor("Remove the lifecycle configuration of s3://" + bucket + "?");
                t.type("y");
                t.waitUntil("the template undone", s -> s.contains("has no lifecycle configuration") && !s.contains("Remove the"));
                assertTrue(LocalRgw.store().getLifecycle(bucket).isEmpty());
                t.type("q");
                t.waitUntil("the REPL again", s -> !s.contains("F7 Policy"));
            }
        } finally {
            LocalRgw.deleteBucket(bucket);
        }
    }
}
