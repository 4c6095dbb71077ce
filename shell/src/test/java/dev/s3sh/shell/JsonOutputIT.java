package dev.s3sh.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.s3sh.command.Command;
import dev.s3sh.command.Tokenizer;
import dev.s3sh.cors.CorsTemplates;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.shell.commands.BuiltinCommands;
import dev.s3sh.testing.LocalRgw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --output json} on every command of the registry: each runs one-shot against the local RGW
 * and its standard output must be JSON (one document, or one per line). A command added to the
 * registry without a line here fails the test until it gets one.
 */
class JsonOutputIT {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Commands that cannot do their work here (no terminal, nobody to type a secret): their JSON is the error object. */
    private static final Set<String> ANSWERS_WITH_AN_ERROR = Set.of("tui", "profile add");

    private static String bucket;

    @TempDir
    static Path dir;

    @BeforeAll
    static void buckets() {
        bucket = LocalRgw.newBucket("json");
    }

    @AfterAll
    static void cleanup() {
        LocalRgw.deleteBucket(bucket);
        LocalRgw.deleteBucket(bucket + "-made");
    }

    /** One line per command, in an order that leaves each the state it needs (a history to undo, say). */
    private static Map<String, String> lines() throws Exception {
        String b = "s3://" + bucket;
        Path cors = Files.writeString(dir.resolve("cors.xml"), CorsXml.write(CorsTemplates.tutorialExample()));
        Path policy = Files.writeString(dir.resolve("policy.json"), "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"read\", "
                + "\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::" + bucket + "/*\"}]}");
        Path lifecycle = Files.writeString(dir.resolve("lifecycle.xml"), "<LifecycleConfiguration><Rule><ID>tmp</ID><Filter><Prefix>tmp/"
                + "</Prefix></Filter><Status>Enabled</Status><Expiration><Days>3</Days></Expiration></Rule></LifecycleConfiguration>");
        Path local = Files.writeString(dir.resolve("hello.txt"), "hello\n");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mb", "mb s3://" + bucket + "-made");
        m.put("rb", "rb s3://" + bucket + "-made --yes");
        m.put("put", "put " + local + " " + b + "/hello.txt");
        m.put("ls", "ls " + b + "/");
        m.put("cd", "cd " + b);
        m.put("pwd", "pwd");
        m.put("info", "info " + b);
        m.put("stat", "stat " + b + "/hello.txt");
        m.put("cat", "cat " + b + "/hello.txt");
        m.put("head", "head " + b + "/hello.txt");
        m.put("get", "get " + b + "/hello.txt " + dir.resolve("got.txt"));
        m.put("cp", "cp " + b + "/hello.txt " + b + "/copy.txt");
        m.put("mv", "mv " + b + "/copy.txt " + b + "/moved.txt");
        m.put("rm", "rm " + b + "/moved.txt");
        m.put("du", "du " + b);
        m.put("signurl", "signurl " + b + "/hello.txt");
        m.put("cors template", "cors template tutorial");
        m.put("cors validate", "cors validate " + cors);
        m.put("cors lint", "cors lint " + cors);
        m.put("cors set", "cors set " + cors + " " + b + " --yes");
        m.put("cors show", "cors show " + b);
        m.put("cors diff", "cors diff " + cors + " " + b);
        m.put("cors edit", "cors edit " + b + " --yes");
        m.put("cors check", "cors check " + b + " --origin https://example.com --method GET");
        m.put("cors probe", "cors probe " + b + " --origin https://example.com --method GET");
        m.put("cors detect", "cors detect " + b);
        m.put("cors matrix", "cors matrix " + b);
        m.put("cors audit", "cors audit " + b);
        m.put("cors history", "cors history " + b);
        m.put("cors rm", "cors rm " + b + " --yes");
        m.put("cors undo", "cors undo " + b + " --yes");
        m.put("cors restore", "cors restore 1 " + b + " --yes");
        m.put("cors apply", "cors apply " + cors + " " + b + " --yes");
        m.put("setcors", "setcors " + cors + " " + b);
        m.put("delcors", "delcors " + b);
        m.put("s3cmd", "s3cmd info " + b);
        m.put("policy template", "policy template public-read " + b);
        m.put("policy validate", "policy validate " + policy + " --bucket " + bucket);
        m.put("policy set", "policy set " + policy + " " + b + " --yes");
        m.put("policy show", "policy show " + b);
        m.put("policy diff", "policy diff " + policy + " " + b);
        m.put("policy edit", "policy edit " + b + " --yes");
        m.put("policy check", "policy check " + b + "/hello.txt --anonymous --action s3:GetObject");
        m.put("policy history", "policy history " + b);
        m.put("policy rm", "policy rm " + b + " --yes");
        m.put("policy undo", "policy undo " + b + " --yes");
        m.put("policy restore", "policy restore 1 " + b + " --yes");
        m.put("setpolicy", "setpolicy " + policy + " " + b);
        m.put("delpolicy", "delpolicy " + b);
        m.put("lifecycle template", "lifecycle template expire");
        m.put("lifecycle validate", "lifecycle validate " + lifecycle);
        m.put("lifecycle set", "lifecycle set " + lifecycle + " " + b + " --yes");
        m.put("lifecycle show", "lifecycle show " + b);
        m.put("getlifecycle", "getlifecycle " + b);
        m.put("lifecycle diff", "lifecycle diff " + lifecycle + " " + b);
        m.put("lifecycle edit", "lifecycle edit " + b + " --yes");
        m.put("lifecycle history", "lifecycle history " + b);
        m.put("lifecycle rm", "lifecycle rm " + b + " --yes");
        m.put("lifecycle undo", "lifecycle undo " + b + " --yes");
        m.put("lifecycle restore", "lifecycle restore 1 " + b + " --yes");
        m.put("setlifecycle", "setlifecycle " + lifecycle + " " + b);
        m.put("dellifecycle", "dellifecycle " + b);
        m.put("expire", "expire " + b + " --expiry-days 5");
        m.put("profile list", "profile list");
        m.put("profile show", "profile show");
        m.put("profile use", "profile use json-it");
        m.put("profile add", "profile add other --endpoint " + LocalRgw.endpoint());
        m.put("connect", "connect " + LocalRgw.endpoint());
        m.put("tui", "tui");
        m.put("help", "help");
        m.put("version", "version");
        m.put("completion", "completion bash");
        m.put("exit", "exit");
        return m;
    }

    @Test
    void everyCommandAnswersInJson() throws Exception {
        Map<String, String> lines = lines();
        List<String> missing = new ArrayList<>();
        for (Command c : BuiltinCommands.registry().commands()) {
            if (!lines.containsKey(c.spec().name())) missing.add(c.spec().name());
        }
        assertEquals(List.of(), missing, "commands with no line here: add one to lines()");

        Path editor = dir.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\n# leaves the file as it is\nexit 0\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = new HashMap<>(LocalRgw.childEnv());
        env.put("HOME", dir.toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("EDITOR", editor.toString());
        env.remove("VISUAL");
        Files.createDirectories(dir.resolve("config/s3sh"));
        Files.writeString(dir.resolve("config/s3sh/config"), "[profile json-it]\nendpoint = " + LocalRgw.endpoint()
                + "\naccess_key = " + LocalRgw.accessKey() + "\nsecret_key = " + LocalRgw.secretKey() + "\n");

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : lines.entrySet()) {
            List<String> words = new ArrayList<>(List.of("--output", "json"));
            words.addAll(Tokenizer.words(e.getValue()));
            ProfilesIT.Run r = run(env, words);
            String problem = notJson(r.out());
            boolean errorExpected = ANSWERS_WITH_AN_ERROR.contains(e.getKey());
            if (problem != null) problems.add(e.getValue() + ": " + problem + "\n" + r);
            else if (!errorExpected && r.status() != 0) problems.add(e.getValue() + ": exit " + r.status() + "\n" + r);
            else if (errorExpected && !r.out().contains("\"error\"")) problems.add(e.getValue() + ": no error object\n" + r);
        }
        assertTrue(problems.isEmpty(), problems.size() + " commands without JSON:\n" + String.join("\n\n", problems));
    }

    /** Null when {@code out} is one JSON document or one per line; else what is wrong. */
    private static String notJson(String out) {
        if (out.isBlank()) return "nothing on standard output";
        try {
            JSON.readTree(out);
            return null;
        } catch (Exception whole) {
            for (String line : out.split("\n")) {
                if (line.isBlank()) continue;
                try {
                    JSON.readTree(line);
                } catch (Exception e) {
                    return "not JSON: " + line;
                }
            }
            return null;
        }
    }

    private static ProfilesIT.Run run(Map<String, String> env, List<String> words) throws Exception {
        System.setProperty("s3sh.stdin.tty", "false");
        System.setProperty("s3sh.stdout.tty", "false");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.run(words.toArray(String[]::new), env, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new ProfilesIT.Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
