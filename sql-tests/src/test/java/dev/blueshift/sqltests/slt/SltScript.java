package dev.blueshift.sqltests.slt;

import java.util.List;

/** A parsed sqllogictest file: its path relative to the sqllogictest folder, and its records. */
record SltScript(String name, List<SltRecord> records) {}
