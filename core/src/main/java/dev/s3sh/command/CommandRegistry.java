package dev.s3sh.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * All commands by name and alias. Names have one word ("ls") or two ("cors show"); the first word
 * of a two-word name is a group ("cors") that help and completion list.
 */
public final class CommandRegistry {
    /** The word a pasted s3cmd line starts with, and the s3cmd commands s3sh runs with the same arguments. */
    public static final String S3CMD = "s3cmd";
    public static final List<String> S3CMD_VERBS = List.of("ls", "info", "setcors", "delcors", "signurl", "get", "put",
            "cp", "mv", "rm", "mb", "rb", "du");

    private final Map<String, Command> byName = new LinkedHashMap<>();
    private final List<Command> commands = new ArrayList<>();

    public CommandRegistry register(Command command) {
        CommandSpec spec = command.spec();
        add(spec.name(), command);
        for (String alias : spec.aliases()) add(alias, command);
        commands.add(command);
        return this;
    }

    private void add(String name, Command command) {
        if (byName.putIfAbsent(name, command) != null) {
            throw new IllegalStateException("two commands are named '" + name + "'");
        }
    }

    public Collection<Command> commands() {
        return commands;
    }

    public Optional<Command> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Names and aliases of commands, and group names, that a first word may be. */
    public TreeSet<String> firstWords() {
        TreeSet<String> words = new TreeSet<>();
        for (String name : byName.keySet()) words.add(name.split(" ")[0]);
        return words;
    }

    /** Second words of a group: {@code subcommands("cors")} → show, set, edit, … */
    public List<String> subcommands(String group) {
        List<String> subs = new ArrayList<>();
        for (String name : byName.keySet()) {
            if (name.startsWith(group + " ")) subs.add(name.substring(group.length() + 1));
        }
        return subs;
    }

    public boolean isGroup(String word) {
        return !subcommands(word).isEmpty();
    }

    /** The command a line's words name and how many words the name took; empty if none. */
    public Optional<Match> match(List<String> words) {
        // a tutorial's line pasted whole: 's3cmd setcors FILE s3://B' runs s3sh's setcors
        if (words.size() >= 2 && words.get(0).equals(S3CMD) && S3CMD_VERBS.contains(words.get(1))) {
            return matchName(words.subList(1, words.size())).map(m -> new Match(m.command(), m.wordsUsed() + 1));
        }
        return matchName(words);
    }

    private Optional<Match> matchName(List<String> words) {
        if (words.isEmpty()) return Optional.empty();
        if (words.size() >= 2) {
            Command two = byName.get(words.get(0) + " " + words.get(1));
            if (two != null) return Optional.of(new Match(two, 2));
        }
        Command one = byName.get(words.get(0));
        return one == null ? Optional.empty() : Optional.of(new Match(one, 1));
    }

    public void printOverview(java.io.PrintWriter out) {
        HelpText.overview(out, this);
    }

    public void printHelp(java.io.PrintWriter out, CommandSpec spec) {
        HelpText.command(out, spec);
    }

    public record Match(Command command, int wordsUsed) {
    }
}
