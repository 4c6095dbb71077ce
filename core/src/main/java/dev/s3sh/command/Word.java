package dev.s3sh.command;

/**
 * One word of a command line: its value after quotes and escapes are read, and where its text
 * stands in the line ({@code start} inclusive, {@code end} exclusive). {@code quoted} tells an empty
 * quoted argument ({@code ''}) from no argument at all.
 */
public record Word(String value, int start, int end, boolean quoted) {
}
