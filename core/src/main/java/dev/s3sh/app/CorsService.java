package dev.s3sh.app;

import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDocument;
import dev.s3sh.cors.CorsJson;
import dev.s3sh.cors.CorsParseException;
import dev.s3sh.cors.CorsParser;
import dev.s3sh.cors.CorsProblem;
import dev.s3sh.cors.CorsTemplates;
import dev.s3sh.cors.CorsValidator;
import dev.s3sh.cors.CorsXml;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.Session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The CORS application service: what {@code cors show/set/edit/rm/undo/restore/history} do, for
 * every front end. It asks and tells through {@link CorsPorts} and returns a {@link CorsOutcome};
 * it never prints. The commands render the outcomes as text or JSON, the full-screen mode as a
 * status line.
 */
public final class CorsService {
    private final Session session;
    private final Path stateDir;
    private final FrontEndPorts<CorsNotice> ports;

    public CorsService(Session session, Path stateDir, FrontEndPorts<CorsNotice> ports) {
        this.session = session;
        this.stateDir = stateDir;
        this.ports = ports;
    }

    /** What the bucket holds; empty when it has no CORS configuration. */
    public Optional<CorsConfiguration> show(String bucket) {
        return session.store().getCors(bucket);
    }

    /** The push path for {@code bucket}, to be given options ({@link CorsPush#withoutQuestion}, {@link CorsPush#expecting}). */
    public CorsPush push(String bucket, boolean assumeYes) {
        return new CorsPush(session, stateDir, ports, bucket, assumeYes);
    }

    /** Pushes a document read from a file. */
    public CorsOutcome set(String bucket, CorsDocument document, boolean assumeYes) {
        return push(bucket, assumeYes).push(document);
    }

    /** Pushes a named template ({@link CorsTemplates}). */
    public CorsOutcome applyTemplate(String bucket, String template, boolean assumeYes) {
        CorsTemplates.Template t = CorsTemplates.named(template);
        return push(bucket, assumeYes).push(CorsParser.read(t.xml(), "template " + t.name()));
    }

    /** Removes the bucket's CORS configuration (saved first). */
    public CorsOutcome remove(String bucket, boolean assumeYes) {
        return push(bucket, assumeYes).push((CorsConfiguration) null);
    }

    /** The saved configurations, newest first, and the files passed over. */
    public CorsHistory.Listing history(String bucket) throws IOException {
        return history0(bucket).list();
    }

    private CorsHistory history0(String bucket) {
        return new CorsHistory(stateDir, session.profile().endpointLabel(), bucket);
    }

    /** Puts back entry {@code number} of the history (1 is the newest: {@code cors undo}). */
    public CorsOutcome restore(String bucket, int number, boolean undo, boolean assumeYes) throws IOException {
        CorsHistory.Listing listing = history(bucket);
        for (CorsHistory.Skipped s : listing.skipped()) ports.tell(new CorsNotice.HistorySkipped(s));
        List<CorsHistory.Entry> entries = listing.entries();
        if (number < 1 || number > entries.size()) return new CorsOutcome.NotInHistory(bucket, undo, number, entries.size());
        CorsHistory.Entry entry = entries.get(number - 1);
        ports.tell(new CorsNotice.Restoring(undo, entry));
        return push(bucket, assumeYes).push(entry.configuration());
    }

    /**
     * {@code cors edit}, as {@code kubectl edit}: the live configuration (or a starter) in a private
     * file, the user's editor, then validate → reopen with the problems on top, or diff → confirm →
     * check the server did not change meanwhile → push → verify. The file is removed after a push
     * and kept on every other way out ({@link CorsOutcome.Kept}, or {@link CorsNotice.EditKept}
     * before a failure is thrown). The user's bytes are never rewritten: a notice is put above them,
     * by replacing the file whole.
     */
    public CorsOutcome edit(String bucket, boolean json, boolean assumeYes) throws Exception {
        Dialect dialect = Dialect.of(session.dialect());
        CorsConfiguration base = session.store().getCors(bucket).orElse(null);
        String endpoint = session.profile().endpointLabel();
        String start = CorsEditFile.header(bucket, endpoint, dialect.id()) + (json ? startingJson(base) : base == null ? starter() : CorsXml.write(base));
        byte[] written = start.getBytes(StandardCharsets.UTF_8);
        Path file = CorsEditFile.create(stateDir.resolve("edit"), "cors-" + bucket + "-", json ? ".json" : ".xml", written);
        CorsOutcome.KeptBecause stopped = null; // after a reopen: what an unchanged file means
        try {
            while (true) {
                String editorFailed = CorsEditFile.edit(ports, file);
                if (editorFailed != null) return new CorsOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.EDITOR_FAILED, null, editorFailed);
                byte[] now = Files.readAllBytes(file);
                if (Arrays.equals(now, written)) {
                    if (stopped != null) return new CorsOutcome.Kept(bucket, file, stopped, null, null);
                    Files.deleteIfExists(file);
                    return new CorsOutcome.EditUnchanged(bucket);
                }
                byte[] mine = CorsEditFile.withoutNotice(now);
                // a file that is not UTF-8 gets the sentence 'cors validate' gives
                CorsDocument doc = CorsEditFile.isUtf8(mine) ? null : CorsParser.read(mine, file.toString());
                if (doc == null) {
                    String text = CorsEditFile.forParsing(new String(mine, StandardCharsets.UTF_8));
                    if (text.isBlank() || isOnlyComments(text)) return new CorsOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.EMPTIED, null, null);
                    doc = CorsParser.read(text, file.toString());
                }

                List<CorsProblem> errors = CorsValidator.errors(CorsValidator.validate(doc, dialect));
                if (!errors.isEmpty()) {
                    List<String> lines = CorsEditFile.render(errors, CorsEditFile.noticeLines(errors.size()));
                    ports.tell(new CorsNotice.Reopening(lines));
                    written = CorsEditFile.withNotice(CorsEditFile.notice(
                            "fix these problems and save; quit without saving to stop (the file is kept):", lines), mine);
                    String failed = CorsEditFile.reopen(file, written);
                    if (failed != null) return new CorsOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.NOT_REOPENED, null, failed);
                    stopped = CorsOutcome.KeptBecause.STILL_INVALID;
                    continue;
                }

                CorsOutcome outcome = push(bucket, assumeYes).expecting(base).push(doc);
                if (outcome instanceof CorsOutcome.Pushed || outcome instanceof CorsOutcome.Unchanged) {
                    Files.deleteIfExists(file);
                    return outcome;
                }
                if (!(outcome instanceof CorsOutcome.Conflict c)) {
                    return new CorsOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.DECLINED, outcome, null);
                }
                ports.tell(new CorsNotice.ChangedMeanwhile(c));
                if (!ports.interactive()
                        || !ports.confirm("Reopen the editor with your text, to push it over the server's new configuration?")) {
                    return new CorsOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.CONFLICT, c, null);
                }
                base = c.server();
                written = CorsEditFile.withNotice(CorsEditFile.notice("s3://" + bucket + " changed on the server while you edited; your text is below, "
                        + "unchanged. To push it over the server's new configuration, delete this comment (and change what you like) "
                        + "and save; quit without saving to stop. What changed on the server:", c.changed().summary()), mine);
                String failed = CorsEditFile.reopen(file, written);
                if (failed != null) return new CorsOutcome.Kept(bucket, file, CorsOutcome.KeptBecause.NOT_REOPENED, null, failed);
                stopped = CorsOutcome.KeptBecause.STILL_CONFLICTING;
            }
        } catch (Exception | Error e) {
            if (Files.exists(file)) ports.tell(new CorsNotice.EditKept(file));
            throw e;
        }
    }

    /** What a bucket without CORS opens with: a comment and the public-read template. */
    static String starter() {
        return "<!-- this bucket has no CORS configuration yet. Below is a starter (public read); change it,\n"
                + "     or replace it with 'cors template NAME' (public-read, tutorial, browser-upload, spa-dev). -->\n"
                + CorsTemplates.named("public-read").xml();
    }

    /**
     * The JSON a file opens with: the live rules, or the public-read starter. JSON holds no comment,
     * so the header (taken out before parsing) is the only place that says what the starter is.
     */
    static String startingJson(CorsConfiguration base) throws CorsParseException {
        return CorsJson.write(base != null ? base : CorsParser.parse(CorsTemplates.named("public-read").xml(), "public-read"));
    }

    private static boolean isOnlyComments(String text) {
        return text.replaceAll("(?s)<!--.*?-->", "").isBlank();
    }
}
