package dev.blueshift.bench.engine;

import java.util.OptionalLong;

/** An engine's peak memory in bytes (empty when it could not be read) and how it was measured. */
public record MemoryReading(OptionalLong bytes, String how) {}
