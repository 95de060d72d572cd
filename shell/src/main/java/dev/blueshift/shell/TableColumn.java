package dev.blueshift.shell;

/**
 * A result column as the printers see it: its name and how its values are laid out.
 *
 * @param name column label
 * @param kind NUMBER columns are right-aligned and unquoted in JSON; BOOLEAN cells are t/f
 */
public record TableColumn(String name, Kind kind) {
  /** The layout families of column values. */
  public enum Kind { NUMBER, BOOLEAN, TEXT }

  public static TableColumn text(String name) {
    return new TableColumn(name, Kind.TEXT);
  }

  public static TableColumn number(String name) {
    return new TableColumn(name, Kind.NUMBER);
  }
}
