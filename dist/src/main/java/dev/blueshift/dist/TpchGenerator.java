package dev.blueshift.dist;

import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes TPC-H tables as pipe-delimited .tbl files (Redshift COPY's default format). */
public final class TpchGenerator {
  private TpchGenerator() {}

  /** Generates every table at the scale factor into {@code dir}; returns the table names. */
  public static List<String> generate(double scaleFactor, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> names = new ArrayList<>();
    for (TpchTable<?> table : TpchTable.getTables()) {
      write(table, scaleFactor, dir.resolve(table.getTableName() + ".tbl"));
      names.add(table.getTableName());
    }
    return names;
  }

  private static <E extends TpchEntity> void write(TpchTable<E> table, double scaleFactor, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (E row : table.createGenerator(scaleFactor, 1, 1)) {
        String line = row.toLine();
        // dbgen ends every line with the delimiter; COPY expects exactly one field per column
        out.write(line, 0, line.endsWith("|") ? line.length() - 1 : line.length());
        out.write('\n');
      }
    }
  }

  /** The Redshift DDL of the TPC-H schema Blueshift's demo uses. */
  public static List<String> ddl() throws IOException {
    try (var in = TpchGenerator.class.getResourceAsStream("tpch-ddl.sql")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      for (String s : text.split(";")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
      return out;
    }
  }
}
