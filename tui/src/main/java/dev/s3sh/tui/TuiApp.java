package dev.s3sh.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import dev.s3sh.app.ServiceOutcome;
import dev.s3sh.cors.CorsParseException;
import dev.s3sh.cors.Dialect;
import dev.s3sh.session.S3Path;
import dev.s3sh.session.Session;
import dev.s3sh.store.StoreException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The full-screen mode's host: the panes ({@link BucketsPane}, {@link ObjectsPane},
 * {@link DetailsPane}, {@link CorsPane}, the {@link DocumentPane}s of the policy and the lifecycle,
 * {@link TesterPane}) each own their state, keys and drawing;
 * this class keeps the focus, the one running task, dialogs, the status bar and the loop.
 *
 * <p>Everything happens on the thread that calls {@link #run()} (or {@link #step()} in tests).
 * Store calls and anything that can take long (a CORS lint, an evaluation) run on worker threads
 * and post their results back, so the screen keeps answering and Esc can cancel them. Nothing
 * here throws out of a key press: failures become the status bar's message.
 */
public final class TuiApp {
    /** How the mode looks and behaves: colour, Unicode glyphs, CORS dialect, listing page size, editor. */
    public record Config(boolean color, boolean unicode, Dialect dialect, int pageSize, ExternalEditor editor) {
    }

    /** Runs the user's editor on a file (with the terminal handed over by {@link Host}). */
    public interface ExternalEditor {
        void edit(Path file) throws Exception;
    }

    /** Hands the real terminal to something else (an editor, the shell while suspended) and takes it back. */
    public interface Host {
        void outside(Work work) throws Exception;

        /** Ctrl-Z: gives the terminal back as it was, stops until {@code fg}, then takes it again. */
        default void suspend() throws Exception {
        }

        /** Continued without our own suspend (a stop from outside): the terminal may have been reset. */
        default void resumed() throws Exception {
        }

        interface Work {
            void run() throws Exception;
        }

        /** For a virtual terminal: nothing to hand over. */
        Host INLINE = Work::run;
    }

    final Screen screen;
    final Session session;
    final Config config;
    final Host host;
    final Theme theme;
    /** Workers: a cached pool, so a call abandoned with Esc (still in a socket read) never delays the next one. */
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3sh-tui-worker");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger backgroundRunning = new AtomicInteger();

    final BucketsPane buckets;
    final ObjectsPane objects;
    final DetailsPane details;
    final CorsPane cors;
    final TesterPane tester;
    final MatrixPane matrix;
    final AuditPane audit;
    /** Beside the CORS pane: one pane a bucket document (policy: F7, lifecycle: F8), in the order given. */
    final List<DocumentPane> documents;
    private final List<Pane> order;

    private boolean running = true;
    private boolean fullRedraw = true;
    private Pane focus;
    private ListPane browseFocus;
    private boolean help;
    private final Deque<Dialog> dialogs = new ArrayDeque<>();
    /** Keys pressed while a task runs: replayed when it ends, as a terminal's type-ahead. */
    private final Deque<KeyStroke> typeAhead = new ArrayDeque<>();
    private volatile Task<?> task;
    private String message = "";
    private boolean messageError;

    /** The one modal operation: a progress box shows it, Esc or Ctrl-C cancels it. */
    private static final class Task<T> {
        final String label;
        final Consumer<T> done;
        final Consumer<Throwable> failed;
        volatile String progress;
        Future<?> future;

        Task(String label, Consumer<T> done, Consumer<Throwable> failed) {
            this.label = label;
            this.done = done;
            this.failed = failed;
            this.progress = label;
        }
    }

    public TuiApp(Screen screen, Session session, Config config, CorsActions actions, Host host) {
        this(screen, session, config, actions, List.of(), host);
    }

    /** {@code documents}: the actions of the panes beside CORS (F7, F8, ...), each over its own document. */
    public TuiApp(Screen screen, Session session, Config config, CorsActions actions, List<DocumentActions> documents, Host host) {
        this.screen = screen;
        this.session = session;
        this.config = config;
        this.host = host;
        this.theme = new Theme(config.color(), config.unicode());
        this.buckets = new BucketsPane(this);
        this.objects = new ObjectsPane(this);
        this.details = new DetailsPane(this);
        this.cors = new CorsPane(this, java.util.Objects.requireNonNull(actions));
        this.tester = new TesterPane(this);
        this.matrix = new MatrixPane(this);
        this.audit = new AuditPane(this, null, actions.batches()); // the screen shows no last change, so no history is read
        this.documents = documents.stream().map(d -> new DocumentPane(this, d)).toList();
        List<Pane> panes = new java.util.ArrayList<>(List.of(buckets, objects, cors));
        panes.addAll(this.documents);
        panes.add(tester);
        this.order = List.copyOf(panes);
        this.focus = this.browseFocus = buckets;
    }

    /** For tests: the clock that decides when the selection has settled on an object (nanoseconds). */
    void settleClock(java.util.function.LongSupplier nanos) {
        details.objects.clock(nanos);
    }

    /** Starts loading: the bucket list, and the session's current bucket and prefix if it has one. */
    public void start() {
        S3Path cwd = session.cwd();
        if (cwd.bucket() != null) {
            objects.startAt(cwd.bucket(), cwd.key());
            focus = browseFocus = objects;
        }
        buckets.load(); // then the current bucket's first page, when the list is in
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

    /** Cancels what is running and stops the workers. */
    public void close() {
        if (task != null) task.future.cancel(true);
        for (Dialog d : dialogs) d.abandon();
        cors.close();
        audit.close();
        workers.shutdownNow();
        details.close();
    }

    /** Runs {@code r} on the screen thread at its next turn; callable from any thread (workers, signal handlers). */
    public void post(Runnable r) {
        posted.add(r);
    }

    /** Ctrl-Z (posted by the launcher's SIGTSTP handler): the host suspends, then the whole screen is drawn again. */
    public void suspend() {
        try {
            host.suspend();
        } catch (Exception e) {
            error("could not suspend: " + describe(e));
        }
        fullRedraw = true;
    }

    /** SIGCONT without our own suspend: take the terminal again and draw everything. */
    public void resumed() {
        try {
            host.resumed();
        } catch (Exception e) {
            error("could not take the terminal back: " + describe(e));
        }
        fullRedraw = true;
    }

    /**
     * One turn of the loop: results posted by the workers, then every key waiting, then a redraw if
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
        if (running) guarded(details::follow);
        if ((changed || fullRedraw) && running) draw();
        return changed;
    }

    /** True while a task or background work is running or the selected object's metadata is still to come (tests wait on it). */
    public boolean busy() {
        return task != null && dialogs.isEmpty() || !posted.isEmpty() || backgroundRunning.get() > 0 || details.objects.pending();
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            error("internal error: " + describe(e));
        }
    }

    // ---------------------------------------------------------------- what panes ask of the host

    int rows() {
        return screen.getTerminalSize().getRows();
    }

    boolean focused(Pane pane) {
        return focus == pane;
    }

    void focus(Pane pane) {
        focus = pane;
        if (pane instanceof ListPane list) browseFocus = list;
    }

    /** Back to the browser, where it was. */
    void browse() {
        focus = browseFocus;
    }

    void quit() {
        running = false;
    }

    void info(String text) {
        message = text;
        messageError = false;
    }

    /** Says {@code text} unless something else is already said. */
    void infoIfQuiet(String text) {
        if (message.isEmpty()) info(text);
    }

    void error(String text) {
        message = text;
        messageError = true;
    }

    /** The bucket the CORS, policy and lifecycle panes and the tester work on: the open one, else the one selected in the list. */
    private String corsTarget() {
        String b = objects.bucket();
        if (b == null) b = buckets.selected();
        if (b == null) error("choose a bucket first: select one in the bucket list (Tab, arrows, Enter)");
        return b;
    }

    void openCors() {
        String b = corsTarget();
        if (b != null) cors.open(b);
    }

    /** Opens document pane {@code index} (F7 the first) on the target bucket. */
    void openDocument(int index) {
        if (index >= documents.size()) return;
        String b = corsTarget();
        if (b != null) documents.get(index).open(b);
    }

    void openTester() {
        String b = corsTarget();
        if (b != null) tester.open(b);
    }

    // ---------------------------------------------------------------- tasks

    /**
     * Runs {@code work} as the modal task: a progress box, keys held as type-ahead, Esc cancels.
     * {@code failed} hears of a failure or a cancel (a {@link CancellationException}); the status bar
     * says it too.
     */
    <T> void start(String label, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        if (task != null) {
            error("busy: " + task.progress + " (Esc cancels it)");
            return;
        }
        Task<T> t = new Task<>(label, done, failed);
        task = t;
        t.future = workers.submit(() -> {
            try {
                T value = work.call();
                posted.add(() -> finish(t, value, null));
            } catch (Throwable e) {
                posted.add(() -> finish(t, null, e));
            }
        });
    }

    private <T> void finish(Task<T> t, T value, Throwable failure) {
        if (task != t) return; // cancelled meanwhile: its late result is dropped
        task = null;
        if (failure != null) {
            error(describe(failure));
            typeAhead.clear();
            t.failed.accept(failure);
        } else {
            t.done.accept(value);
        }
        while (task == null && dialogs.isEmpty() && !typeAhead.isEmpty()) handle(typeAhead.poll());
    }

    private void cancelTask() {
        if (task == null) return;
        Task<?> t = task;
        task = null;
        typeAhead.clear();
        t.future.cancel(true);
        for (Dialog d : dialogs) d.abandon();
        dialogs.clear();
        error("cancelled: " + t.label);
        t.failed.accept(new CancellationException(t.label));
    }

    /**
     * A pane's change of bucket {@code b} (edit, delete, undo, template) as the task: its one-line
     * report goes to the status bar (a null outcome: the user backed out of the template choice),
     * then {@code after} shows the bucket anew.
     */
    void change(String label, String b, Callable<? extends ServiceOutcome> call, Runnable after) {
        start(label + " s3://" + b, call::call, outcome -> {
            if (outcome == null) info("no template applied");
            else if (outcome.succeeded()) info(outcome.message());
            else error(outcome.message());
            after.run();
        }, e -> { });
    }

    /**
     * Runs {@code work} without a progress box (the screen stays usable); its outcome is posted back.
     * The caller drops outcomes it no longer wants; the returned future cancels it.
     */
    <T> Future<?> background(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        backgroundRunning.incrementAndGet();
        return workers.submit(() -> {
            try {
                T value = work.call();
                posted.add(() -> done.accept(value));
            } catch (Throwable e) {
                posted.add(() -> failed.accept(e));
            } finally {
                backgroundRunning.decrementAndGet();
            }
        });
    }

    static String describe(Throwable e) {
        if (e instanceof ExecutionException && e.getCause() != null) e = e.getCause();
        if (e instanceof InterruptedException || e instanceof CancellationException) return "cancelled";
        if (e instanceof OutOfMemoryError) return "the answer was too large to hold in memory; nothing was changed";
        if (e instanceof StoreException || e instanceof CorsParseException) return e.getMessage();
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The {@link CorsUi} a CORS action sees: every call waits for the screen thread through the posted queue. */
    CorsUi corsUi() {
        return new ScreenUi();
    }

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
        public String input(String title, String initial) throws InterruptedException {
            CompletableFuture<String> answer = new CompletableFuture<>();
            posted.add(() -> dialogs.add(new Dialog.Input(title, initial, answer)));
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
            Task<?> owner = task;
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
            case F1 -> help = true;
            case F10 -> running = false;
            case F2 -> browse();
            case F3 -> openCors();
            case F4 -> openTester();
            case F6 -> audit.open();
            case F7 -> openDocument(0);
            case F8 -> openDocument(1);
            case Tab -> go(order.get((order.indexOf(focus) + 1) % order.size()));
            case ReverseTab -> go(order.get((order.indexOf(focus) + order.size() - 1) % order.size()));
            default -> {
                if (key.getKeyType() == KeyType.Character && key.isCtrlDown() && Character.toLowerCase(key.getCharacter()) == 'r') {
                    focus.reload();
                } else if (!focus.typing() && Dialog.isChar(key, '?')) {
                    help = true;
                } else {
                    focus.key(key);
                }
            }
        }
    }

    private void go(Pane target) {
        if (target == cors) openCors();
        else if (target instanceof DocumentPane d) openDocument(documents.indexOf(d));
        else if (target == tester) openTester();
        else focus(target);
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
            fullRedraw = false;
            return;
        }
        drawTabs(c);
        Pane.Area area = new Pane.Area(0, 1, w, h - 3);
        if (focus instanceof ListPane) drawBrowse(c, area);
        else focus.draw(c, area);
        drawStatus(c);
        c.text(0, h - 1, w, hints(), Theme.Role.HINT, true);
        if (help) drawHelp(c);
        if (!dialogs.isEmpty()) dialogs.peek().draw(c);
        else if (task != null) Dialog.drawBox(c, "Working", List.of(task.progress + theme.ellipsis), 0, List.of(), -1, "Esc or Ctrl-C cancels");
        else if (!help && focus.cursor() != null) screen.setCursorPosition(focus.cursor());
        screen.refresh(fullRedraw ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        fullRedraw = false;
    }

    /**
     * Buckets, objects and details side by side. The columns follow their content: the bucket list
     * is as wide as its longest name (up to two fifths of the window) while it has the focus, and
     * narrows while objects are browsed (its names then cut in the middle, so both ends stay
     * readable); the details pane always has the selection's full name.
     */
    private void drawBrowse(Canvas c, Pane.Area a) {
        int w = a.width();
        boolean inObjects = focus == objects && objects.bucket() != null;
        int bw, ow, dw;
        if (inObjects) {
            bw = clamp(buckets.widest() + 4, 13, Math.max(13, Math.min(30, w / 5)));
            ow = clamp(objects.widest() + 5, 30, w - bw - 28);
            dw = w - bw - ow;
            if (dw > 60) {          // a wide window: the objects take what the details do not need
                ow += dw - 60;
                dw = 60;
            }
        } else {
            bw = clamp(buckets.widest() + 4, 16, Math.max(16, Math.min(40, w * 2 / 5)));
            dw = clamp(w * 3 / 10, 28, 60);
            ow = w - bw - dw;
        }
        buckets.draw(c, new Pane.Area(a.col(), a.row(), bw, a.rows()));
        objects.draw(c, new Pane.Area(a.col() + bw, a.row(), ow, a.rows()));
        details.draw(c, new Pane.Area(a.col() + bw + ow, a.row(), dw, a.rows()));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private void drawTabs(Canvas c) {
        c.fill(0, 0, c.width, 1, Theme.Role.NORMAL);
        int col = 0;
        List<String> labels = new java.util.ArrayList<>(List.of("F2 Browse", "F3 CORS"));
        List<Boolean> on = new java.util.ArrayList<>(List.of(focus instanceof ListPane, focus == cors || focus == matrix));
        for (int i = 0; i < documents.size() && i < 2; i++) {
            labels.add("F" + (7 + i) + " " + documents.get(i).title());
            on.add(focus == documents.get(i));
        }
        labels.addAll(List.of("F4 Tester", "F6 Audit"));
        on.addAll(List.of(focus == tester, focus == audit));
        for (int i = 0; i < labels.size(); i++) {
            String label = " " + labels.get(i) + " ";
            c.text(col, 0, label.length(), label, on.get(i) ? Theme.Role.SELECTED : Theme.Role.NORMAL, false);
            col += label.length() + 1;
        }
        String right = "s3sh  ? help";
        c.text(Math.max(col, c.width - right.length() - 1), 0, right.length(), right, Theme.Role.TITLE, false);
    }

    private void drawStatus(Canvas c) {
        var profile = session.profile();
        String name = profile == null ? "none" : profile.name();
        String endpoint = profile == null ? "-" : profile.endpointLabel();
        String location = objects.bucket() == null ? "s3://" : "s3://" + objects.bucket() + "/" + objects.prefix();
        String left = " " + name + " | " + endpoint + " | " + location + " | ";
        if (left.length() + message.length() > c.width) left = " " + name + " | " + location + " | ";
        left = Canvas.fit(left, c.width, theme.ellipsis);
        int row = c.height - 2;
        c.text(0, row, c.width, left, Theme.Role.STATUS, true);
        c.text(left.length(), row, c.width - left.length(), message, messageError ? Theme.Role.ERROR : Theme.Role.STATUS, true);
    }

    private String hints() {
        if (!dialogs.isEmpty()) return " " + dialogs.peek().footer();
        if (task != null) return " Esc or Ctrl-C cancels";
        if (help) return " any key closes the help";
        return focus.hints();
    }

    private void drawHelp(Canvas c) {
        List<String> lines = List.of(
                "Everywhere",
                "  Tab / Shift-Tab  next / previous pane: buckets, objects, CORS, policy, lifecycle, tester",
                "  F2 F3 F4         browse, CORS pane, preflight tester   F7 F8  policy, lifecycle",
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
                "  m      grid of verdicts, origin x method (r shows the deciding rules)",
                "Policy (F7), Lifecycle (F8)",
                "  e edit in $EDITOR   d delete   u undo   t template   r reload",
                "Audit (F6)",
                "  s sort  Enter CORS pane  Space * g mark  a apply  u undo a batch  p profiles",
                "Tester",
                "  Up/Down field   Enter evaluate   F5 evaluate + live probe");
        Dialog.drawBox(c, "Keys", lines, 0, List.of(), -1, "any key closes");
    }
}
