package dev.s3sh.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import dev.s3sh.app.CorsOutcome;
import dev.s3sh.cors.CorsConfiguration;
import dev.s3sh.cors.CorsDecision;
import dev.s3sh.cors.CorsEvaluator;
import dev.s3sh.cors.CorsLinter;
import dev.s3sh.cors.CorsParseException;
import dev.s3sh.cors.CorsRequest;
import dev.s3sh.cors.CorsRule;
import dev.s3sh.cors.CorsWarning;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.S3Path;
import dev.s3sh.session.Session;
import dev.s3sh.store.BucketInfo;
import dev.s3sh.store.BucketSummary;
import dev.s3sh.store.ListPage;
import dev.s3sh.store.ObjectSummary;
import dev.s3sh.store.StoreException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The full-screen mode: bucket list, object browser, details, CORS pane and preflight tester on one
 * {@link Screen}. Everything happens on the thread that calls {@link #run()} (or {@link #step()} in
 * tests); store calls run on one worker thread and post their results back, so the screen keeps
 * answering and Esc can cancel them. Nothing here throws out of a key press: failures become the
 * status bar's message.
 */
public final class TuiApp {
    /** How the mode looks and behaves: colour, Unicode glyphs, CORS dialect, listing page size, editor. */
    public record Config(boolean color, boolean unicode, Dialect dialect, int pageSize, ExternalEditor editor) {
    }

    /** Runs the user's editor on a file (with the terminal handed over by {@link Host}). */
    public interface ExternalEditor {
        void edit(Path file) throws Exception;
    }

    /** Hands the real terminal to something else (an editor) and takes it back. */
    public interface Host {
        void outside(Work work) throws Exception;

        interface Work {
            void run() throws Exception;
        }

        /** For a virtual terminal: nothing to hand over. */
        Host INLINE = Work::run;
    }

    enum Place { BUCKETS, OBJECTS, CORS, TESTER }

    private static final String[] FIELD_NAMES = {"Origin", "Method", "Headers"};
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Screen screen;
    private final Session session;
    private final Config config;
    private final CorsActions actions;
    private final Host host;
    private final Theme theme;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "s3sh-tui-worker");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
    /** The selected object's metadata: its own worker, so a HEAD never waits behind a listing or shows a progress box. */
    private final ObjectDetails objectDetails;

    private boolean running = true;
    private boolean fullRedraw = true;
    private Place place = Place.BUCKETS;
    private Place browsePlace = Place.BUCKETS;

    private final Listing buckets = new Listing();
    private final Listing objects = new Listing();
    private String bucket;
    private String prefix = "";
    private final Map<String, BucketInfo> infoCache = new HashMap<>();

    private String corsBucket;
    private Optional<CorsConfiguration> cors;       // null while not loaded
    private List<CorsWarning> lint = List.of();
    private int corsSelected;

    private final String[] fields = {"https://www.example.com", "GET", ""};
    private int field;
    private CorsDecision decision;
    private CorsActions.ProbeResult probe;
    private String probeError;

    private boolean help;
    private final Deque<Dialog> dialogs = new ArrayDeque<>();
    /** Keys pressed while a store call runs: replayed when it ends, as a terminal's type-ahead. */
    private final Deque<KeyStroke> typeAhead = new ArrayDeque<>();
    private volatile Task task;
    private long taskIds;

    private String message = "";
    private boolean messageError;

    private static final class Task {
        final long id;
        final String label;
        volatile String progress;
        Future<?> future;

        Task(long id, String label) {
            this.id = id;
            this.label = label;
            this.progress = label;
        }
    }

    public TuiApp(Screen screen, Session session, Config config, CorsActions actions, Host host) {
        this.screen = screen;
        this.session = session;
        this.config = config;
        this.actions = actions;
        this.host = host;
        this.theme = new Theme(config.color(), config.unicode());
        this.objectDetails = new ObjectDetails((b, k) -> session.store().stat(b, k), posted::add, TuiApp::describe);
    }

    /** For tests: the clock that decides when the selection has settled on an object (nanoseconds). */
    void settleClock(java.util.function.LongSupplier nanos) {
        objectDetails.clock(nanos);
    }

    /** Starts loading: the bucket list, and the session's current bucket and prefix if it has one. */
    public void start() {
        S3Path cwd = session.cwd();
        if (cwd.bucket() != null) {
            bucket = cwd.bucket();
            prefix = cwd.key() == null ? "" : cwd.key();
            place = browsePlace = Place.OBJECTS;
        }
        loadBuckets(); // then the current bucket's first page, when the list is in
        fullRedraw = true;
    }

    /** Runs until the user leaves (q, F10, end of input). */
    public void run() throws IOException {
        start();
        draw();
        try {
            while (running) {
                if (!step()) {
                    try {
                        Thread.sleep(15);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        } finally {
            close();
        }
    }

    public boolean running() {
        return running;
    }

    /** Cancels what is running and stops the worker thread. */
    public void close() {
        if (task != null) task.future.cancel(true);
        for (Dialog d : dialogs) d.abandon();
        worker.shutdownNow();
        objectDetails.close();
    }

    /**
     * One turn of the loop: results posted by the worker, then every key waiting, then a redraw if
     * anything changed (or the window was resized). Returns whether anything happened.
     */
    public boolean step() throws IOException {
        boolean changed = false;
        Runnable r;
        while ((r = posted.poll()) != null) {
            guarded(r);
            changed = true;
        }
        KeyStroke key;
        while (running && (key = screen.pollInput()) != null) {
            KeyStroke k = key;
            if (k.getKeyType() == KeyType.EOF) {
                running = false;
                break;
            }
            guarded(() -> handle(k));
            changed = true;
        }
        if (screen.doResizeIfNecessary() != null) {
            fullRedraw = true;
            changed = true;
        }
        // after the keys: only where the selection ends up this turn is considered for a HEAD
        if (running) guarded(() -> objectDetails.select(detailsObject()));
        if (changed && running) draw();
        return changed;
    }

    /** True while a store call is running or the selected object's metadata is still to come (tests wait on it). */
    public boolean busy() {
        return task != null && dialogs.isEmpty() || !posted.isEmpty() || objectDetails.pending();
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            error("internal error: " + describe(e));
        }
    }

    // ---------------------------------------------------------------- tasks

    private <T> void start(String label, Callable<T> work, Consumer<T> done) {
        if (task != null) {
            error("busy: " + task.progress + " (Esc cancels it)");
            return;
        }
        Task t = new Task(++taskIds, label);
        task = t;
        t.future = worker.submit(() -> {
            try {
                T value = work.call();
                posted.add(() -> finish(t, value, null, done));
            } catch (Throwable e) {
                posted.add(() -> finish(t, null, e, done));
            }
        });
    }

    private <T> void finish(Task t, T value, Throwable failure, Consumer<T> done) {
        if (task != t) return; // cancelled meanwhile: its late result is dropped
        task = null;
        if (failure != null) {
            error(describe(failure));
            typeAhead.clear();
        } else {
            done.accept(value);
        }
        while (task == null && dialogs.isEmpty() && !typeAhead.isEmpty()) handle(typeAhead.poll());
    }

    private void cancelTask() {
        if (task == null) return;
        Task t = task;
        task = null;
        typeAhead.clear();
        t.future.cancel(true);
        for (Dialog d : dialogs) d.abandon();
        dialogs.clear();
        error("cancelled: " + t.label);
    }

    static String describe(Throwable e) {
        if (e instanceof ExecutionException && e.getCause() != null) e = e.getCause();
        if (e instanceof InterruptedException || e instanceof CancellationException) return "cancelled";
        if (e instanceof StoreException || e instanceof CorsParseException) return e.getMessage();
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private void info(String text) {
        message = text;
        messageError = false;
    }

    private void error(String text) {
        message = text;
        messageError = true;
    }

    /** The {@link CorsUi} an action sees: every call waits on the screen thread through the posted queue. */
    private final class ScreenUi implements CorsUi {

        @Override
        public boolean confirm(String question, List<String> detail) throws InterruptedException {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            posted.add(() -> dialogs.add(new Dialog.Confirm(question, detail, answer)));
            return await(answer);
        }

        @Override
        public String choose(String title, List<String> options) throws InterruptedException {
            CompletableFuture<String> answer = new CompletableFuture<>();
            posted.add(() -> dialogs.add(new Dialog.Choice(title, options, answer)));
            return await(answer);
        }

        @Override
        public void editFile(Path file) throws Exception {
            CompletableFuture<Void> done = new CompletableFuture<>();
            posted.add(() -> {
                try {
                    host.outside(() -> config.editor().edit(file));
                    done.complete(null);
                } catch (Exception e) {
                    done.completeExceptionally(e);
                } finally {
                    fullRedraw = true;
                }
            });
            try {
                done.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception ex) throw ex;
                throw e;
            }
        }

        @Override
        public void show(String title, List<String> lines) {
            posted.add(() -> dialogs.add(new Dialog.Message(title, lines)));
        }

        @Override
        public void progress(String label) {
            Task owner = task;
            if (owner != null) owner.progress = label;
            posted.add(() -> {
            });
        }

        private <T> T await(CompletableFuture<T> answer) throws InterruptedException {
            try {
                return answer.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private void corsAction(String label, CorsCall call) {
        String b = corsTarget();
        if (b == null) return;
        start(label + " s3://" + b, () -> call.run(b, new ScreenUi()), outcome -> {
            if (outcome == null) info("no template applied");
            else if (outcome.succeeded()) info(outcome.message());
            else error(outcome.message());
            infoCache.remove(b);
            loadCors(b);
        });
    }

    /** A CORS action; null when the user backed out before anything was asked of the service. */
    private interface CorsCall {
        CorsOutcome run(String bucket, CorsUi ui) throws Exception;
    }

    // ---------------------------------------------------------------- loading

    private void loadBuckets() {
        start("listing buckets", () -> session.store().listBuckets(), list -> {
            String keep = buckets.current() == null ? bucket : buckets.current().name();
            buckets.reset();
            for (BucketSummary b : list) buckets.entries.add(new Listing.Entry(Listing.Kind.BUCKET, b.name(), null));
            buckets.loaded = true;
            List<Listing.Entry> v = buckets.visible();
            for (int i = 0; i < v.size(); i++) if (v.get(i).name().equals(keep)) buckets.moveTo(i);
            if (message.isEmpty()) info(list.size() + (list.size() == 1 ? " bucket" : " buckets"));
            if (bucket != null && !objects.loaded && task == null) loadObjects(false);
        });
    }

    /** Loads the first page of the current prefix, or with {@code more} the next page, appended. */
    private void loadObjects(boolean more) {
        String b = bucket, p = prefix;
        String token = more ? objects.nextToken : null;
        start((more ? "loading more of s3://" : "listing s3://") + b + "/" + p, () -> {
            ListPage page = session.store().listPage(b, p, "/", config.pageSize(), token);
            BucketInfo info = infoCache.containsKey(b) || more ? null : session.store().bucketInfo(b);
            return new Object[]{page, info};
        }, result -> {
            ListPage page = (ListPage) result[0];
            if (result[1] != null) infoCache.put(b, (BucketInfo) result[1]);
            if (!more) {
                objects.reset();
                if (!p.isEmpty()) objects.entries.add(new Listing.Entry(Listing.Kind.UP, "..", null));
            }
            int before = objects.visible().size() - (objects.nextToken != null ? 1 : 0);
            for (String sub : page.prefixes()) objects.entries.add(new Listing.Entry(Listing.Kind.PREFIX, sub, null));
            for (ObjectSummary o : page.objects()) {
                if (o.key().equals(p)) continue; // the folder marker itself
                objects.entries.add(new Listing.Entry(Listing.Kind.OBJECT, o.key(), o));
            }
            objects.nextToken = page.nextToken();
            objects.loaded = true;
            if (more) objects.moveTo(before);
            info("s3://" + b + "/" + p + ": " + objects.objectCount() + " entries loaded"
                    + (page.truncated() ? ", more on the server" : ""));
        });
    }

    private void loadCors(String b) {
        start("reading the CORS configuration of s3://" + b, () -> session.store().getCors(b), config -> {
            corsBucket = b;
            cors = config;
            lint = config.map(c -> CorsLinter.lint(c, this.config.dialect())).orElse(List.of());
            corsSelected = Math.min(corsSelected, Math.max(0, config.map(c -> c.rules().size()).orElse(0) - 1));
            if (place == Place.TESTER && decision != null) evaluate(false);
        });
    }

    /** The bucket the CORS pane and the tester work on: the open one, else the one selected in the list. */
    private String corsTarget() {
        String b = bucket;
        if (b == null && buckets.current() != null) b = buckets.current().name();
        if (b == null) error("choose a bucket first: select one in the bucket list (Tab, arrows, Enter)");
        return b;
    }

    // ---------------------------------------------------------------- keys

    private void handle(KeyStroke key) {
        if (key.getKeyType() == KeyType.Character && key.isCtrlDown() && Character.toLowerCase(key.getCharacter()) == 'c') {
            if (task != null) cancelTask();
            else info("Ctrl-C does not leave the full-screen mode: press q or F10 to go back");
            return;
        }
        if (!dialogs.isEmpty()) {
            if (dialogs.peek().handle(key)) dialogs.poll();
            return;
        }
        if (task != null) {
            if (key.getKeyType() == KeyType.Escape) cancelTask();
            else if (typeAhead.size() < 64) typeAhead.add(key);
            return;
        }
        if (help) {
            help = false;
            return;
        }
        switch (key.getKeyType()) {
            case F1 -> {
                help = true;
                return;
            }
            case F10 -> {
                running = false;
                return;
            }
            case F2 -> {
                place = browsePlace;
                return;
            }
            case F3 -> {
                openCors();
                return;
            }
            case F4 -> {
                openTester();
                return;
            }
            case Tab -> {
                go(Place.values()[(place.ordinal() + 1) % Place.values().length]);
                return;
            }
            case ReverseTab -> {
                go(Place.values()[(place.ordinal() + Place.values().length - 1) % Place.values().length]);
                return;
            }
            default -> {
            }
        }
        if (key.getKeyType() == KeyType.Character && key.isCtrlDown() && Character.toLowerCase(key.getCharacter()) == 'r') {
            reload();
            return;
        }
        boolean typing = place == Place.TESTER || (place == Place.BUCKETS ? buckets : objects).filtering;
        if (!typing && Dialog.isChar(key, '?')) {
            help = true;
            return;
        }
        switch (place) {
            case BUCKETS -> browseKey(key, buckets);
            case OBJECTS -> browseKey(key, objects);
            case CORS -> corsKey(key);
            case TESTER -> testerKey(key);
        }
    }

    private void go(Place target) {
        switch (target) {
            case BUCKETS, OBJECTS -> {
                place = browsePlace = target;
            }
            case CORS -> openCors();
            case TESTER -> openTester();
        }
    }

    private void openCors() {
        String b = corsTarget();
        if (b == null) return;
        place = Place.CORS;
        if (!b.equals(corsBucket) || cors == null) {
            cors = null;
            corsSelected = 0;
            corsBucket = b;
            loadCors(b);
        }
    }

    private void openTester() {
        String b = corsTarget();
        if (b == null) return;
        if (!b.equals(corsBucket)) {
            decision = null;
            probe = null;
            probeError = null;
        }
        place = Place.TESTER;
        if (!b.equals(corsBucket) || cors == null) {
            cors = null;
            corsBucket = b;
            loadCors(b);
        }
    }

    private void reload() {
        switch (place) {
            case BUCKETS -> loadBuckets();
            case OBJECTS -> {
                if (bucket != null) {
                    infoCache.remove(bucket);
                    objectDetails.invalidate(bucket);
                    loadObjects(false);
                }
            }
            case CORS, TESTER -> {
                if (corsBucket != null) loadCors(corsBucket);
            }
        }
    }

    private void browseKey(KeyStroke key, Listing list) {
        int page = Math.max(1, screen.getTerminalSize().getRows() - 6);
        switch (key.getKeyType()) {
            case ArrowUp -> list.move(-1);
            case ArrowDown -> list.move(1);
            case PageUp -> list.move(-page);
            case PageDown -> list.move(page);
            case Home -> list.moveTo(0);
            case End -> list.moveTo(Integer.MAX_VALUE);
            case Enter, ArrowRight -> open(list);
            case ArrowLeft -> back(list);
            case Escape -> {
                if (!list.filter.isEmpty() || list.filtering) {
                    list.filtering = false;
                    list.setFilter("");
                } else if (place == Place.OBJECTS) {
                    place = browsePlace = Place.BUCKETS;
                }
            }
            case Backspace -> {
                if (!list.filter.isEmpty()) list.setFilter(list.filter.substring(0, list.filter.length() - 1));
                else if (list.filtering) list.filtering = false;
                else back(list);
            }
            case Character -> {
                if (key.isCtrlDown() || key.isAltDown()) return;
                char c = key.getCharacter();
                if (!list.filtering && list.filter.isEmpty()) {
                    if (c == 'q') {
                        running = false;
                        return;
                    }
                    if (c == '/') {
                        list.filtering = true;
                        return;
                    }
                }
                if (c >= ' ') list.setFilter(list.filter + c);
            }
            default -> {
            }
        }
    }

    private void open(Listing list) {
        Listing.Entry e = list.current();
        if (e == null) return;
        switch (e.kind()) {
            case BUCKET -> {
                bucket = e.name();
                prefix = "";
                objects.reset();
                place = browsePlace = Place.OBJECTS;
                loadObjects(false);
            }
            case PREFIX -> {
                prefix = e.name();
                loadObjects(false);
            }
            case UP -> back(list);
            case MORE -> loadObjects(true);
            case OBJECT -> info("s3://" + bucket + "/" + e.name() + ": " + e.object().size() + " bytes");
        }
    }

    private void back(Listing list) {
        if (list != objects) return;
        if (prefix.isEmpty()) {
            place = browsePlace = Place.BUCKETS;
            return;
        }
        String trimmed = prefix.substring(0, prefix.length() - 1);
        int slash = trimmed.lastIndexOf('/');
        prefix = slash < 0 ? "" : trimmed.substring(0, slash + 1);
        loadObjects(false);
    }

    private void corsKey(KeyStroke key) {
        int rules = cors == null ? 0 : cors.map(c -> c.rules().size()).orElse(0);
        switch (key.getKeyType()) {
            case ArrowUp -> corsSelected = Math.max(0, corsSelected - 1);
            case ArrowDown -> corsSelected = Math.max(0, Math.min(rules - 1, corsSelected + 1));
            case Escape -> place = browsePlace;
            case Enter -> {
                if (cors != null && cors.isPresent() && rules > 0) {
                    CorsRule r = cors.get().rules().get(corsSelected);
                    fields[0] = r.allowedOrigins().isEmpty() ? "" : r.allowedOrigins().get(0).replace("*", "app");
                    fields[1] = r.allowedMethods().isEmpty() ? "GET" : r.allowedMethods().get(0);
                    fields[2] = "";
                }
                openTester();
            }
            case Character -> {
                if (key.isCtrlDown() || key.isAltDown()) return;
                switch (key.getCharacter()) {
                    case 'q' -> running = false;
                    case 'e' -> corsAction("editing CORS of", actions::edit);
                    case 'd' -> corsAction("deleting CORS of", actions::delete);
                    case 'u' -> corsAction("undoing the last CORS change on", actions::undo);
                    case 't' -> corsAction("applying a template to", (b, ui) -> {
                        String name = ui.choose("Template for s3://" + b, actions.templates());
                        if (name == null) return null;
                        return actions.applyTemplate(b, name, ui);
                    });
                    case 'r' -> reload();
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
    }

    private void testerKey(KeyStroke key) {
        switch (key.getKeyType()) {
            case ArrowUp -> field = (field + FIELD_NAMES.length - 1) % FIELD_NAMES.length;
            case ArrowDown -> field = (field + 1) % FIELD_NAMES.length;
            case Escape -> place = browsePlace;
            case Enter -> evaluate(false);
            case F5 -> evaluate(true);
            case Backspace -> {
                if (!fields[field].isEmpty()) fields[field] = fields[field].substring(0, fields[field].length() - 1);
            }
            case Character -> {
                if (key.isCtrlDown() || key.isAltDown()) return;
                if (key.getCharacter() >= ' ') fields[field] += key.getCharacter();
            }
            default -> {
            }
        }
    }

    private CorsRequest request() {
        List<String> headers = Arrays.stream(fields[2].split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String origin = fields[0].trim().isEmpty() ? null : fields[0].trim();
        String method = fields[1].trim().isEmpty() ? null : fields[1].trim();
        return CorsRequest.preflight(origin, method, headers);
    }

    private void evaluate(boolean live) {
        if (cors == null) {
            error("the CORS configuration of s3://" + corsTarget() + " is still loading");
            return;
        }
        CorsRequest request = request();
        decision = CorsEvaluator.evaluate(cors.orElse(null), config.dialect(), request);
        info("evaluated: " + (decision.allowed() ? "allowed" : "denied") + " (" + config.dialect().id() + " semantics)");
        if (!live) return;
        probe = null;
        probeError = null;
        String b = corsBucket;
        start("probing s3://" + b + " live", () -> actions.probe(b, request), result -> {
            probe = result;
            boolean agree = result.allowed() == decision.allowed() && result.status() == decision.status();
            info("live probe: HTTP " + result.status() + (agree ? ", agrees with the evaluator" : ", differs from the evaluator"));
        });
        if (task == null) probeError = message;
    }

    // ---------------------------------------------------------------- drawing

    private void draw() throws IOException {
        TerminalSize size = screen.getTerminalSize();
        screen.clear();
        Canvas c = new Canvas(screen.newTextGraphics(), theme, size);
        screen.setCursorPosition(null);
        int w = c.width, h = c.height;
        if (w < 40 || h < 12) {
            c.text(0, 0, w, "s3sh: the window is too small (" + w + "x" + h + "): at least 40x12, please", Theme.Role.ERROR, true);
            screen.refresh(Screen.RefreshType.COMPLETE);
            return;
        }
        drawTabs(c);
        int top = 1, rows = h - 3;
        switch (place) {
            case BUCKETS, OBJECTS -> drawBrowse(c, top, rows);
            case CORS -> drawCors(c, top, rows);
            case TESTER -> drawTester(c, top, rows);
        }
        drawStatus(c);
        c.text(0, h - 1, w, hints(), Theme.Role.HINT, true);
        if (help) drawHelp(c);
        if (!dialogs.isEmpty()) drawDialog(c, dialogs.peek());
        else if (task != null) drawProgress(c);
        screen.refresh(fullRedraw ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        fullRedraw = false;
    }

    private void drawTabs(Canvas c) {
        c.fill(0, 0, c.width, 1, Theme.Role.NORMAL);
        int col = 0;
        String[][] tabs = {{"F2 Browse", "BROWSE"}, {"F3 CORS", "CORS"}, {"F4 Tester", "TESTER"}};
        for (String[] tab : tabs) {
            boolean on = switch (tab[1]) {
                case "BROWSE" -> place == Place.BUCKETS || place == Place.OBJECTS;
                case "CORS" -> place == Place.CORS;
                default -> place == Place.TESTER;
            };
            String label = " " + tab[0] + " ";
            c.text(col, 0, label.length(), label, on ? Theme.Role.SELECTED : Theme.Role.NORMAL, false);
            col += label.length() + 1;
        }
        String right = "s3sh  ? help";
        c.text(Math.max(col, c.width - right.length() - 1), 0, right.length(), right, Theme.Role.TITLE, false);
    }

    private void drawStatus(Canvas c) {
        var profile = session.profile();
        String name = profile == null ? "none" : profile.name();
        String endpoint = profile == null ? "-" : profile.endpointLabel();
        String location = bucket == null ? "s3://" : "s3://" + bucket + "/" + prefix;
        String left = " " + name + " | " + endpoint + " | " + location + " | ";
        if (left.length() + message.length() > c.width) left = " " + name + " | " + location + " | ";
        int row = c.height - 2;
        c.text(0, row, c.width, left, Theme.Role.STATUS, true);
        c.text(left.length(), row, c.width - left.length(), message, messageError ? Theme.Role.ERROR : Theme.Role.STATUS, true);
    }

    private String hints() {
        if (!dialogs.isEmpty()) return " " + dialogs.peek().footer();
        if (task != null) return " Esc or Ctrl-C cancels";
        if (help) return " any key closes the help";
        return switch (place) {
            case BUCKETS -> " Enter open  letters filter  Tab pane  F3 CORS  F4 tester  ? help  q back";
            case OBJECTS -> " Enter open  Left up  letters filter  Tab pane  F3 CORS  F4 test  ? help  q back";
            case CORS -> " e edit  d delete  u undo  t template  Enter test  Esc browse  ? help  q back";
            case TESTER -> " Up/Down field  Enter evaluate  F5 + live probe  Esc browse  F1 help  F10 back";
        };
    }

    private void drawBrowse(Canvas c, int top, int rows) {
        int w = c.width;
        int bw = Math.max(16, Math.min(30, w / 5));
        int dw = Math.max(28, Math.min(60, w * 3 / 10));
        int ow = w - bw - dw;
        String bucketTitle = "Buckets" + filterLabel(buckets);
        c.box(0, top, bw, rows, bucketTitle, place == Place.BUCKETS);
        drawList(c, buckets, 1, top + 1, bw - 2, rows - 2, place == Place.BUCKETS, false);
        String objTitle = (bucket == null ? "Objects" : "s3://" + bucket + "/" + prefix) + filterLabel(objects);
        c.box(bw, top, ow, rows, objTitle, place == Place.OBJECTS);
        if (bucket == null) {
            c.text(bw + 2, top + 1, ow - 4, "choose a bucket (Enter)", Theme.Role.DIM, false);
        } else {
            drawList(c, objects, bw + 1, top + 1, ow - 2, rows - 2, place == Place.OBJECTS, true);
        }
        c.box(bw + ow, top, dw, rows, "Details", false);
        List<String> lines = new ArrayList<>();
        for (String line : details(dw - 4)) lines.addAll(Canvas.wrap(line, dw - 4));
        for (int i = 0; i < lines.size() && i < rows - 2; i++) {
            c.text(bw + ow + 2, top + 1 + i, dw - 4, lines.get(i), lines.get(i).startsWith("metadata: ") ? Theme.Role.ERROR : Theme.Role.NORMAL, false);
        }
    }

    private static String filterLabel(Listing l) {
        if (l.filtering || !l.filter.isEmpty()) return " /" + l.filter + "_";
        return "";
    }

    private void drawList(Canvas c, Listing list, int col, int row, int width, int rows, boolean focused, boolean withMeta) {
        List<Listing.Entry> v = list.visible();
        if (!list.loaded) {
            c.text(col + 1, row, width - 1, "loading" + theme.ellipsis, Theme.Role.DIM, false);
            return;
        }
        if (v.isEmpty()) {
            c.text(col + 1, row, width - 1, list.filter.isEmpty() ? "(empty)" : "nothing matches '" + list.filter + "'", Theme.Role.DIM, false);
            return;
        }
        list.current();
        list.scrollInto(rows);
        for (int i = 0; i < rows && list.top + i < v.size(); i++) {
            Listing.Entry e = v.get(list.top + i);
            boolean sel = list.top + i == list.selected;
            Theme.Role role = sel ? (focused ? Theme.Role.SELECTED : Theme.Role.SELECTED_IDLE) : Theme.Role.NORMAL;
            String name = switch (e.kind()) {
                case UP -> "../";
                case MORE -> "more" + theme.ellipsis + " (" + list.objectCount() + " loaded, Enter for the next page)";
                case PREFIX, OBJECT -> e.name().startsWith(prefix) ? e.name().substring(prefix.length()) : e.name();
                default -> e.name();
            };
            String meta = "";
            if (withMeta && e.kind() == Listing.Kind.OBJECT) {
                boolean wide = width >= 60;
                String date = e.object().lastModified() == null ? "" : (wide ? LONG_DATE : SHORT_DATE).format(e.object().lastModified());
                meta = String.format("%6s %s", human(e.object().size()), date);
            } else if (withMeta && e.kind() == Listing.Kind.PREFIX) {
                meta = "DIR";
            }
            int nameWidth = Math.max(4, width - 1 - (meta.isEmpty() ? 0 : meta.length() + 1));
            String line = " " + Canvas.fit(name, nameWidth - 1, theme.ellipsis);
            if (!meta.isEmpty()) line = padRight(line, width - meta.length() - 1) + meta;
            c.text(col, row + i, width, line, e.kind() == Listing.Kind.MORE && !sel ? Theme.Role.HINT : role, true);
        }
    }

    private static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    static String human(long bytes) {
        if (bytes < 1024) return bytes + "B";
        double v = bytes;
        String[] units = {"K", "M", "G", "T", "P"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v < 10 ? String.format("%.1f", v) : String.format("%.0f", v)) + units[u];
    }

    /** The object the details pane shows, or null when it shows a folder, a bucket or nothing. */
    private ObjectDetails.Key detailsObject() {
        if (place != Place.OBJECTS || bucket == null) return null;
        Listing.Entry e = objects.current();
        return e != null && e.kind() == Listing.Kind.OBJECT ? new ObjectDetails.Key(bucket, e.name()) : null;
    }

    /**
     * {@code stat}'s "Label:   value" lines for a pane {@code width} wide: as stat prints them when all
     * fit; else each without the label padding, and a value that still does not fit goes on its own
     * line under its label (so an ETag or a key is never cut in the middle by the wrap).
     */
    static List<String> fitStatLines(List<String> lines, int width) {
        if (lines.stream().allMatch(l -> l.length() <= width)) return lines;
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                out.add(line);
                continue;
            }
            String label = line.substring(0, colon + 1), value = line.substring(colon + 1).strip();
            if (label.length() + 1 + value.length() <= width) {
                out.add(label + " " + value);
            } else {
                out.add(label);
                out.add("  " + value);
            }
        }
        return out;
    }

    /** The details pane's lines; {@code width} is its inner width (narrow panes drop the label padding). */
    private List<String> details(int width) {
        List<String> out = new ArrayList<>();
        if (place == Place.OBJECTS && bucket != null) {
            Listing.Entry e = objects.current();
            if (e != null && e.kind() == Listing.Kind.OBJECT) {
                ObjectSummary o = e.object();
                out.add("s3://" + bucket + "/" + o.key());
                out.add("");
                ObjectDetails.View view = objectDetails.view(new ObjectDetails.Key(bucket, o.key()));
                if (view.info() != null) {
                    out.addAll(fitStatLines(view.info().describe(), width));   // the stat command's own lines
                    return out;
                }
                // until the HEAD answers: what the listing said
                out.add("Size:  " + o.size() + " bytes (" + human(o.size()) + ")");
                out.add("Date:  " + (o.lastModified() == null ? "-" : LONG_DATE.format(o.lastModified()) + "Z"));
                out.add("Class: " + (o.storageClass() == null ? "-" : o.storageClass()));
                out.add("");
                out.add(view.loading() ? "metadata loading" + theme.ellipsis : "metadata: " + view.error());
                return out;
            }
            if (e != null && e.kind() == Listing.Kind.PREFIX) {
                out.add("folder s3://" + bucket + "/" + e.name());
                out.add("Enter opens it");
                return out;
            }
            if (e != null && e.kind() == Listing.Kind.MORE) {
                out.add(objects.objectCount() + " entries loaded; the server has more.");
                out.add("Enter loads the next " + config.pageSize() + ".");
                return out;
            }
            return bucketDetails(bucket);
        }
        Listing.Entry b = buckets.current();
        if (b == null) {
            out.add(buckets.loaded ? "no buckets" : "loading" + theme.ellipsis);
            return out;
        }
        return bucketDetails(b.name());
    }

    private List<String> bucketDetails(String name) {
        List<String> out = new ArrayList<>();
        out.add("s3://" + name + "/ (bucket)");
        BucketInfo info = infoCache.get(name);
        if (info == null) {
            out.add("");
            out.add("Enter opens the bucket and loads its details.");
            return out;
        }
        out.add("Location: " + info.location());
        out.add("Payer:    " + info.payer());
        out.add("Expiration: " + info.expirationRule().orElse("none"));
        out.add("Policy:   " + info.policy().map(p -> "set (" + p.length() + " chars)").orElse("none"));
        out.add("CORS:     " + info.cors().map(c -> c.rules().size() + (c.rules().size() == 1 ? " rule" : " rules") + " (F3)")
                .orElse("none"));
        if (info.acl().isEmpty()) out.add("ACL:      none");
        for (String grant : info.acl()) out.add("ACL:      " + grant);
        for (String note : info.notes()) out.add("(" + note + ")");
        return out;
    }

    private void drawCors(Canvas c, int top, int rows) {
        int w = c.width;
        String title = "CORS of s3://" + (corsBucket == null ? "?" : corsBucket) + "  (" + config.dialect().id() + " semantics)";
        c.box(0, top, w, rows, title, true);
        int col = 2, inner = w - 4, row = top + 1, last = top + rows - 2;
        if (cors == null) {
            c.text(col, row, inner, "loading" + theme.ellipsis, Theme.Role.DIM, false);
            return;
        }
        if (cors.isEmpty()) {
            c.text(col, row, inner, "no CORS configuration: browsers get no CORS headers from this bucket.", Theme.Role.NORMAL, false);
            c.text(col, row + 1, inner, "e writes one in your editor, t applies a template.", Theme.Role.DIM, false);
            return;
        }
        List<CorsRule> ruleList = cors.get().rules();
        int methodsW = Math.max(8, inner / 5), originsW = Math.max(14, inner * 3 / 10), ageW = 7;
        int headersW = Math.max(8, inner - 4 - 3 - methodsW - originsW - ageW - 4);
        String header = String.format("%-3s %-3s %-" + methodsW + "s %-" + originsW + "s %-" + headersW + "s %s",
                "#", "lnt", "Methods", "Origins", "Headers", "MaxAge");
        c.text(col, row++, inner, header, Theme.Role.TITLE, true);
        int tableRows = Math.max(1, Math.min(ruleList.size(), (last - row + 1) / 2));
        int first = Math.max(0, Math.min(corsSelected - tableRows + 1, ruleList.size() - tableRows));
        first = Math.max(0, Math.min(first, corsSelected));
        for (int i = first; i < ruleList.size() && i < first + tableRows; i++) {
            CorsRule r = ruleList.get(i);
            String mark = lintMark(i + 1);
            String line = String.format("%-3s %-3s %-" + methodsW + "s %-" + originsW + "s %-" + headersW + "s %s",
                    i + 1, mark,
                    Canvas.fit(String.join(",", r.allowedMethods()), methodsW, theme.ellipsis),
                    Canvas.fit(String.join(" ", r.allowedOrigins()), originsW, theme.ellipsis),
                    Canvas.fit(r.allowedHeaders().isEmpty() ? "-" : String.join(",", r.allowedHeaders()), headersW, theme.ellipsis),
                    r.maxAgeSeconds() == null ? "-" : r.maxAgeSeconds().toString());
            Theme.Role role = i == corsSelected ? Theme.Role.SELECTED
                    : mark.contains("!") ? Theme.Role.WARN : Theme.Role.NORMAL;
            c.text(col, row++, inner, line, role, true);
        }
        row++;
        if (corsSelected < ruleList.size() && row <= last) {
            CorsRule r = ruleList.get(corsSelected);
            List<String> lines = new ArrayList<>();
            lines.add("Rule " + (corsSelected + 1) + (r.id() == null ? "" : " \"" + r.id() + "\"") + ": "
                    + String.join(",", r.allowedMethods()) + " from " + String.join(" ", r.allowedOrigins()));
            if (!r.allowedHeaders().isEmpty()) lines.add("  headers: " + String.join(", ", r.allowedHeaders()));
            if (!r.exposeHeaders().isEmpty()) lines.add("  exposes: " + String.join(", ", r.exposeHeaders()));
            for (CorsWarning warning : lint) {
                lines.add((warning.severity() == CorsWarning.Severity.WARNING ? "! " : "i ") + "rule " + warning.rule() + ": " + warning.message());
            }
            if (lint.isEmpty()) lines.add("lint: nothing to report");
            for (String l : lines) {
                for (String wrapped : Canvas.wrap(l, inner)) {
                    if (row > last) break;
                    Theme.Role role = wrapped.startsWith("! ") ? Theme.Role.WARN : Theme.Role.NORMAL;
                    c.text(col, row++, inner, wrapped, role, false);
                }
            }
        }
    }

    private String lintMark(int rule) {
        boolean warn = false, inf = false;
        for (CorsWarning w : lint) {
            if (w.rule() != rule) continue;
            if (w.severity() == CorsWarning.Severity.WARNING) warn = true;
            else inf = true;
        }
        return warn ? "!" : inf ? "i" : "ok";
    }

    private void drawTester(Canvas c, int top, int rows) {
        int w = c.width;
        String target = corsBucket == null ? (bucket == null ? "?" : bucket) : corsBucket;
        c.box(0, top, w, rows, "Preflight tester: s3://" + target + "  (" + config.dialect().id() + " semantics)", true);
        int row = top + 1, inner = w - 4;
        String rulesNote = cors == null ? "configuration loading" + theme.ellipsis
                : cors.map(x -> x.rules().size() + " rules loaded").orElse("no CORS configuration on the bucket");
        c.text(2, row++, inner, "OPTIONS s3://" + target + "/   (" + rulesNote + ")", Theme.Role.DIM, false);
        TerminalPosition cursor = null;
        for (int i = 0; i < FIELD_NAMES.length; i++) {
            String label = String.format("%-8s ", FIELD_NAMES[i] + ":");
            c.text(2, row, label.length(), label, i == field ? Theme.Role.TITLE : Theme.Role.NORMAL, false);
            int fw = inner - label.length();
            String value = fields[i];
            String shown = value.length() >= fw ? value.substring(value.length() - fw + 1) : value;
            c.text(2 + label.length(), row, fw, shown, i == field ? Theme.Role.SELECTED : Theme.Role.SELECTED_IDLE, true);
            if (i == field) cursor = new TerminalPosition(2 + label.length() + shown.length(), row);
            row++;
        }
        row++;
        int bottom = top + rows - 1;
        int half = probe != null || probeError != null ? w / 2 : w;
        List<String> left = new ArrayList<>();
        if (decision == null) {
            left.add("Enter evaluates this preflight with the bucket's rules;");
            left.add("F5 also sends it to the live endpoint and shows both.");
        } else {
            left.add("Evaluator: " + (decision.allowed() ? "ALLOWED" + (decision.rule() == null ? "" : " by rule " + decision.rule())
                    : "DENIED") + ", HTTP " + decision.status() + (decision.errorCode() == null ? "" : " " + decision.errorCode()));
            left.add(decision.reason());
            decision.headers().forEach((k, v) -> left.add("  " + k + ": " + v));
            for (String step : decision.explanation()) left.add("- " + step);
            if (decision.suggestion() != null) left.add("Try: " + decision.suggestion());
        }
        drawColumn(c, 1, row, half - 1, bottom - row, left);
        if (half < w) {
            List<String> right = new ArrayList<>();
            if (probe != null) {
                right.add("Live probe: " + (probe.allowed() ? "ALLOWED" : "DENIED") + ", HTTP " + probe.status());
                boolean agree = decision != null && probe.allowed() == decision.allowed() && probe.status() == decision.status();
                right.add(agree ? "agrees with the evaluator" : "DIFFERS from the evaluator");
                probe.headers().forEach((k, v) -> right.add("  " + k + ": " + v));
                right.add(probe.url());
            } else {
                right.add("Live probe failed:");
                right.add(probeError);
            }
            drawColumn(c, half, row, w - half - 1, bottom - row, right);
        }
        if (cursor != null && dialogs.isEmpty() && task == null && !help) screen.setCursorPosition(cursor);
    }

    private void drawColumn(Canvas c, int col, int row, int width, int rows, List<String> lines) {
        int r = 0;
        for (String line : lines) {
            for (String wrapped : Canvas.wrap(line, width - 2)) {
                if (r >= rows) return;
                Theme.Role role = Theme.Role.NORMAL;
                if (wrapped.contains("ALLOWED")) role = Theme.Role.OK;
                if (wrapped.contains("DENIED") || wrapped.startsWith("DIFFERS") || wrapped.startsWith("Live probe failed")) role = Theme.Role.ERROR;
                c.text(col + 1, row + r++, width - 2, wrapped, role, false);
            }
        }
    }

    private void drawHelp(Canvas c) {
        List<String> lines = List.of(
                "Everywhere",
                "  Tab / Shift-Tab  next / previous pane: buckets, objects, CORS, tester",
                "  F2 F3 F4         browse, CORS pane, preflight tester",
                "  ? or F1          this help          Ctrl-R  reload",
                "  q or F10         back to the shell  Esc     back / cancel",
                "  Ctrl-C           cancels a running operation, never quits",
                "Browse",
                "  Up/Down PgUp/PgDn Home/End  move    Enter/Right  open",
                "  Left/Backspace   up a folder   letters filter (/ then q)",
                "  more...          Enter loads the next page of a folder",
                "  Details          stat of the object the selection rests on",
                "CORS pane",
                "  e edit in $EDITOR   d delete   u undo   t template",
                "  Enter  test the selected rule in the tester   r reload",
                "Tester",
                "  Up/Down field   Enter evaluate   F5 evaluate + live probe");
        drawBox(c, "Keys", lines, 0, List.of(), -1, "any key closes");
    }

    private void drawDialog(Canvas c, Dialog d) {
        drawBox(c, d.title, d.lines, d.scroll, d.options(), d.selectedOption(), d.footer());
    }

    private void drawProgress(Canvas c) {
        drawBox(c, "Working", List.of(task.progress + theme.ellipsis), 0, List.of(), -1, "Esc or Ctrl-C cancels");
    }

    private void drawBox(Canvas c, String title, List<String> text, int scroll, List<String> options, int selected, String footer) {
        int bw = Math.min(c.width - 2, Math.max(44, Math.min(90, c.width * 4 / 5)));
        List<String> wrappedTitle = Canvas.wrap(title, bw - 4);
        List<String> body = new ArrayList<>();
        for (String line : text) body.addAll(Canvas.wrap(line, bw - 4));
        int maxBody = Math.max(1, c.height - 6 - wrappedTitle.size() - options.size());
        int shown = Math.min(body.size(), maxBody);
        int bh = wrappedTitle.size() + shown + options.size() + 3 + (body.isEmpty() ? 0 : 1);
        int col = (c.width - bw) / 2, row = Math.max(0, (c.height - bh) / 2);
        c.fill(col, row, bw, bh, Theme.Role.DIALOG);
        c.box(col, row, bw, bh, null, true);
        int r = row + 1;
        for (String t : wrappedTitle) c.text(col + 2, r++, bw - 4, t, Theme.Role.DIALOG, false);
        if (!body.isEmpty()) r++;
        int start = Math.max(0, Math.min(scroll, body.size() - shown));
        for (int i = start; i < start + shown; i++) {
            String line = body.get(i);
            Theme.Role role = line.startsWith("+ ") ? Theme.Role.OK : line.startsWith("- ") ? Theme.Role.ERROR : Theme.Role.DIALOG;
            c.text(col + 2, r++, bw - 4, line, theme.color() ? role : Theme.Role.DIALOG, true);
        }
        for (int i = 0; i < options.size(); i++) {
            c.text(col + 2, r++, bw - 4, (i == selected ? "> " : "  ") + options.get(i), i == selected ? Theme.Role.SELECTED : Theme.Role.DIALOG, true);
        }
        String more = body.size() > shown ? " (" + (start + 1) + "-" + (start + shown) + " of " + body.size() + ")" : "";
        c.text(col + 2, row + bh - 1, bw - 4, " " + footer + more + " ", Theme.Role.TITLE, false);
    }
}
