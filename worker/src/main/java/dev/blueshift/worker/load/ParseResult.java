package dev.blueshift.worker.load;

/**
 * What parsing one {@link LoadInput} gave: input lines read (every line, also headers and blank
 * ones — the count that turns a range's relative line numbers into the file's), rows accepted,
 * and whether MAXERROR stopped it early.
 */
public record ParseResult(long lines, long rows, boolean stopped) {}
