package dev.blueshift.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements at each {@code ;} that is not inside a quoted string, a quoted
 * identifier, a dollar-quoted body, a {@code --} comment or a (nestable) block comment. Text
 * can arrive in pieces (lines typed or read); the lexical state carries over. Statements that
 * hold only whitespace and comments are dropped.
 */
public final class StatementSplitter {
  private enum State { CODE, SINGLE_QUOTE, DOUBLE_QUOTE, LINE_COMMENT, BLOCK_COMMENT, DOLLAR }

  private final StringBuilder pending = new StringBuilder();
  private State state = State.CODE;
  private int scanned;
  private int commentDepth;
  private String dollarTag;
  private boolean hasCode;

  /** All statements of a complete script, the last one with or without its {@code ;}. */
  public static List<String> split(String script) {
    StatementSplitter s = new StatementSplitter();
    List<String> out = s.feed(script);
    String rest = s.finish();
    if (rest != null) {
      out.add(rest);
    }
    return out;
  }

  /** Adds text; returns the statements it completed, trimmed, without their {@code ;}. */
  public List<String> feed(String text) {
    pending.append(text);
    List<String> done = new ArrayList<>();
    int i = scanned;
    int n = pending.length();
    while (i < n) {
      char c = pending.charAt(i);
      char next = i + 1 < n ? pending.charAt(i + 1) : '\0';
      switch (state) {
        case CODE -> {
          if (c == ';') {
            String statement = pending.substring(0, i).trim();
            if (hasCode) {
              done.add(statement);
            }
            pending.delete(0, i + 1);
            n = pending.length();
            i = 0;
            hasCode = false;
            continue;
          } else if (c == '\'') {
            state = State.SINGLE_QUOTE;
            hasCode = true;
          } else if (c == '"') {
            state = State.DOUBLE_QUOTE;
            hasCode = true;
          } else if (c == '-' && next == '-') {
            state = State.LINE_COMMENT;
            i++;
          } else if (c == '/' && next == '*') {
            state = State.BLOCK_COMMENT;
            commentDepth = 1;
            i++;
          } else if (c == '$' && (i == 0 || !isIdentifierChar(pending.charAt(i - 1)))) {
            String tag = dollarTag(i);
            if (tag != null) {
              state = State.DOLLAR;
              dollarTag = tag;
              i += tag.length() - 1;
            }
            hasCode = true;
          } else if (!Character.isWhitespace(c)) {
            hasCode = true;
          }
        }
        case SINGLE_QUOTE, DOUBLE_QUOTE -> {
          char quote = state == State.SINGLE_QUOTE ? '\'' : '"';
          if (c == quote) {
            if (next == quote) {
              i++; // doubled quote: an escaped quote, still inside
            } else if (i + 1 < n || text.isEmpty()) {
              state = State.CODE;
            } else {
              // a quote at the very end of the text so far: wait to see if it is doubled
              scanned = i;
              return done;
            }
          }
        }
        case LINE_COMMENT -> {
          if (c == '\n') {
            state = State.CODE;
          }
        }
        case BLOCK_COMMENT -> {
          if (c == '*' && next == '/') {
            commentDepth--;
            i++;
            if (commentDepth == 0) {
              state = State.CODE;
            }
          } else if (c == '/' && next == '*') {
            commentDepth++;
            i++;
          }
        }
        case DOLLAR -> {
          if (c == '$' && i + dollarTag.length() <= n
              && pending.substring(i, i + dollarTag.length()).equals(dollarTag)) {
            i += dollarTag.length() - 1;
            state = State.CODE;
          }
        }
      }
      i++;
    }
    scanned = i;
    return done;
  }

  /**
   * Ends the input: returns the unterminated last statement, or null when nothing but
   * whitespace and comments is left. The splitter is then empty.
   */
  public String finish() {
    feed("");
    String rest = hasCode ? pending.toString().trim() : null;
    reset();
    return rest;
  }

  /** True when no statement has been started (only whitespace or comments pending). */
  public boolean isEmpty() {
    return !hasCode && state == State.CODE;
  }

  /** Drops any partial statement. */
  public void reset() {
    pending.setLength(0);
    state = State.CODE;
    scanned = 0;
    commentDepth = 0;
    dollarTag = null;
    hasCode = false;
  }

  /** A dollar-quote opening tag ({@code $$} or {@code $name$}) at {@code i}, or null. */
  private String dollarTag(int i) {
    int j = i + 1;
    if (j < pending.length() && Character.isDigit(pending.charAt(j))) {
      return null; // $1 is a positional parameter
    }
    while (j < pending.length() && isIdentifierChar(pending.charAt(j))) {
      j++;
    }
    if (j < pending.length() && pending.charAt(j) == '$') {
      return pending.substring(i, j + 1);
    }
    return null;
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
