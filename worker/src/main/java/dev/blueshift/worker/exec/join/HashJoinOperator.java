package dev.blueshift.worker.exec.join;

import dev.blueshift.protocol.JoinType;
import dev.blueshift.worker.exec.Batches;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Gather;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.RowKeys;
import dev.blueshift.worker.exec.expr.Evaluator;
import dev.blueshift.worker.exec.expr.Value;
import dev.blueshift.worker.exec.spill.MemoryReservation;
import dev.blueshift.worker.exec.spill.QueryMemory;
import dev.blueshift.worker.exec.spill.SpillFile;
import dev.blueshift.worker.exec.spill.SpillFileOperator;
import dev.blueshift.worker.exec.spill.SpillPartitions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hash join of every join type. One input (the build side) is read whole and indexed by key; the
 * other (the probe side) streams through. Candidate pairs are collected a batch at a time, the
 * residual condition is evaluated on the gathered pairs vectorized, and matches are tracked per
 * probe row and per build row so outer, semi and anti joins emit their unmatched rows.
 *
 * <p>Memory: the build side's batches, their concatenation and the hash table are checked
 * against the query's allocator batch by batch. When they would not fit the join becomes a grace
 * hash join: both sides are written to {@link QueryMemory#PARTITIONS} spill partitions by join key
 * hash and each pair of partitions is joined by a nested join one level down (which splits again
 * with another seed if its build side still does not fit). Equal keys, NULL keys included, land
 * in the same pair, so every join type gives the in-memory answer.
 */
public final class HashJoinOperator implements Operator {
  private static final int NOT_STARTED = -2;

  private final Operator left;
  private final Operator right;
  private final JoinType type;
  private final int[] leftKeys;
  private final int[] rightKeys;
  private final boolean[] nullSafe;
  private final Evaluator condition;
  private final boolean buildLeft;
  private final Schema pairSchema;
  private final Schema schema;
  private final ExecContext context;
  private final boolean emitUnmatchedProbe;
  private final boolean emitUnmatchedBuild;
  private final boolean trackBuildMatches;
  private final ArrayDeque<VectorSchemaRoot> ready = new ArrayDeque<>();

  private VectorSchemaRoot build;
  private JoinHashTable table;
  private boolean[] buildMatched;
  private VectorSchemaRoot probe;
  private FieldVector[] probeKeyVectors;
  private boolean[] probeMatched;
  private int probeRow;
  private int chain = NOT_STARTED;
  private int probeHash;
  private int[] pairProbe = new int[ExecContext.BATCH_ROWS];
  private int[] pairBuild = new int[ExecContext.BATCH_ROWS];
  private int pairs;
  private boolean probeDone;
  private int unmatchedBuildFrom = -1;

  private final int level;
  private final MemoryReservation heap;
  private boolean grace;
  private SpillFile[] buildFiles;
  private SpillFile[] probeFiles;
  private int partition = -1;
  private HashJoinOperator partitionJoin;

  /**
   * @param condition residual predicate over left columns then right columns, or null
   * @param schema output: left then right columns, or left only for SEMI and ANTI
   */
  public HashJoinOperator(Operator left, Operator right, JoinType type, int[] leftKeys, int[] rightKeys,
      boolean[] nullSafe, Evaluator condition, boolean buildLeft, Schema schema, ExecContext context) {
    this(left, right, type, leftKeys, rightKeys, nullSafe, condition, buildLeft, schema, context, 0);
  }

  /** @param level spill partitioning level: 0 for a planned join, n+1 for a partition of a level-n join */
  private HashJoinOperator(Operator left, Operator right, JoinType type, int[] leftKeys, int[] rightKeys,
      boolean[] nullSafe, Evaluator condition, boolean buildLeft, Schema schema, ExecContext context, int level) {
    this.level = level;
    this.heap = new MemoryReservation(context.allocator());
    this.nullSafe = nullSafe;
    this.left = left;
    this.right = right;
    this.type = type;
    this.leftKeys = leftKeys;
    this.rightKeys = rightKeys;
    this.condition = condition;
    this.buildLeft = buildLeft;
    this.schema = schema;
    this.context = context;
    List<Field> pairFields = new ArrayList<>(left.schema().getFields());
    pairFields.addAll(right.schema().getFields());
    this.pairSchema = semiOrAnti() ? new Schema(pairFields) : schema;
    boolean probeIsLeft = !buildLeft;
    this.emitUnmatchedProbe = type == JoinType.JOIN_FULL
        || (type == JoinType.JOIN_LEFT && probeIsLeft) || (type == JoinType.JOIN_RIGHT && !probeIsLeft)
        || (type == JoinType.JOIN_ANTI && probeIsLeft);
    this.emitUnmatchedBuild = type == JoinType.JOIN_FULL
        || (type == JoinType.JOIN_LEFT && !probeIsLeft) || (type == JoinType.JOIN_RIGHT && probeIsLeft)
        || (type == JoinType.JOIN_ANTI && !probeIsLeft);
    this.trackBuildMatches = emitUnmatchedBuild || (type == JoinType.JOIN_SEMI && buildLeft);
  }

  private boolean semiOrAnti() {
    return type == JoinType.JOIN_SEMI || type == JoinType.JOIN_ANTI;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (table == null && !grace) {
      buildTable();
    }
    if (grace) {
      return nextPartitionBatch();
    }
    while (ready.isEmpty()) {
      context.checkCancelled();
      if (!probeDone) {
        probeStep();
      } else if (!emitBuildRows()) {
        return null;
      }
    }
    return ready.poll();
  }

  // ---------- build ----------

  private void buildTable() {
    Operator buildSide = buildLeft ? left : right;
    int[] keyColumns = buildLeft ? leftKeys : rightKeys;
    List<VectorSchemaRoot> batches = new ArrayList<>();
    try {
      long bytes = 0;
      long rows = 0;
      VectorSchemaRoot b;
      while ((b = buildSide.next()) != null) {
        batches.add(b);
        context.checkCancelled();
        bytes += bufferBytes(b);
        rows += b.getRowCount();
        // room for the table's arrays, and for concatenating the batches into one
        long tableBytes = JoinHashTable.heapBytes(rows);
        if (!QueryMemory.fits(context.allocator(), bytes + Math.max(0, tableBytes - heap.reserved()))
            || !heap.tryReserve(tableBytes)) {
          if (keyColumns.length == 0 || level >= QueryMemory.MAX_LEVEL) {
            throw QueryMemory.exceeded(keyColumns.length == 0 ? "NestedLoopJoin" : "HashJoin", context.allocator());
          }
          spillBothSides(batches, buildSide, keyColumns);
          return;
        }
      }
      build = Batches.concat(buildSide.schema(), batches, context.allocator());
    } finally {
      batches.forEach(VectorSchemaRoot::close);
    }
    FieldVector[] keys = new FieldVector[keyColumns.length];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = build.getVector(keyColumns[k]);
    }
    table = new JoinHashTable(keys, nullSafe, build.getRowCount());
    if (trackBuildMatches) {
      buildMatched = new boolean[build.getRowCount()];
    }
  }

  private static long bufferBytes(VectorSchemaRoot batch) {
    long bytes = 0;
    for (FieldVector v : batch.getFieldVectors()) {
      bytes += v.getBufferSize();
    }
    return bytes;
  }

  // ---------- grace hash join ----------

  /** Writes the build rows read so far, the rest of the build side and the whole probe side to partitions. */
  private void spillBothSides(List<VectorSchemaRoot> buffered, Operator buildSide, int[] buildKeys) {
    grace = true;
    heap.release();
    Operator probeSide = buildLeft ? right : left;
    int[] probeKeys = buildLeft ? rightKeys : leftKeys;
    buildFiles = new SpillFile[QueryMemory.PARTITIONS];
    probeFiles = new SpillFile[QueryMemory.PARTITIONS];
    try (SpillPartitions buildParts = new SpillPartitions(context.spillDirectory(), "join-build", buildSide.schema(), level)) {
      for (VectorSchemaRoot b : buffered) {
        buildParts.writeByKeys(b, buildKeys, context.allocator());
      }
      buffered.forEach(VectorSchemaRoot::close);
      buffered.clear();
      drainTo(buildSide, buildParts, buildKeys);
      for (int p = 0; p < buildFiles.length; p++) {
        buildFiles[p] = buildParts.take(p);
      }
    }
    try (SpillPartitions probeParts = new SpillPartitions(context.spillDirectory(), "join-probe", probeSide.schema(), level)) {
      drainTo(probeSide, probeParts, probeKeys);
      for (int p = 0; p < probeFiles.length; p++) {
        probeFiles[p] = probeParts.take(p);
      }
    }
  }

  private void drainTo(Operator side, SpillPartitions parts, int[] keys) {
    VectorSchemaRoot b;
    while ((b = side.next()) != null) {
      try (VectorSchemaRoot batch = b) {
        context.checkCancelled();
        parts.writeByKeys(batch, keys, context.allocator());
      }
    }
  }

  /** The next output batch of the partition pairs, joined one after another. */
  private VectorSchemaRoot nextPartitionBatch() {
    while (true) {
      context.checkCancelled();
      if (partitionJoin != null) {
        VectorSchemaRoot out = partitionJoin.next();
        if (out != null) {
          return out;
        }
        partitionJoin.close();
        partitionJoin = null;
      }
      if (++partition >= QueryMemory.PARTITIONS) {
        return null;
      }
      SpillFile buildFile = buildFiles[partition];
      SpillFile probeFile = probeFiles[partition];
      buildFiles[partition] = null;
      probeFiles[partition] = null;
      // a pair that can emit nothing: no build rows and no unmatched probe rows wanted, or the reverse
      if ((buildFile == null && !emitUnmatchedProbe) || (probeFile == null && !emitUnmatchedBuild)) {
        closeAll(buildFile, probeFile);
        continue;
      }
      Operator buildPart = partitionInput(buildFile, (buildLeft ? left : right).schema());
      Operator probePart = partitionInput(probeFile, (buildLeft ? right : left).schema());
      partitionJoin = new HashJoinOperator(buildLeft ? buildPart : probePart, buildLeft ? probePart : buildPart, type,
          leftKeys, rightKeys, nullSafe, condition, buildLeft, schema, context, level + 1);
    }
  }

  private Operator partitionInput(SpillFile file, Schema schema) {
    if (file != null) {
      return new SpillFileOperator(file, context);
    }
    return new Operator() {
      @Override
      public Schema schema() {
        return schema;
      }

      @Override
      public VectorSchemaRoot next() {
        return null;
      }

      @Override
      public void close() {}
    };
  }

  private static void closeAll(SpillFile... files) {
    for (SpillFile f : files) {
      if (f != null) {
        f.close();
      }
    }
  }

  // ---------- probe ----------

  private void probeStep() {
    if (probe == null) {
      Operator side = buildLeft ? right : left;
      probe = side.next();
      if (probe == null) {
        probeDone = true;
        return;
      }
      int[] keyColumns = buildLeft ? rightKeys : leftKeys;
      probeKeyVectors = new FieldVector[keyColumns.length];
      for (int k = 0; k < keyColumns.length; k++) {
        probeKeyVectors[k] = probe.getVector(keyColumns[k]);
      }
      probeMatched = new boolean[probe.getRowCount()];
      probeRow = 0;
      chain = NOT_STARTED;
    }
    collectPairs();
    flushPairs();
    if (probeRow >= probe.getRowCount()) {
      finishProbeBatch();
    }
  }

  /** Collects candidate pairs until the pair buffer is full or the probe batch is done. */
  private void collectPairs() {
    int n = probe.getRowCount();
    boolean firstMatchOnly = condition == null && !buildLeft && semiOrAnti();
    while (probeRow < n && pairs < pairProbe.length) {
      if (chain == NOT_STARTED) {
        if (table.rowCount() == 0 || (probeKeyVectors.length > 0 && JoinHashTable.anyNull(probeKeyVectors, nullSafe, probeRow))) {
          probeRow++;
          continue;
        }
        probeHash = probeKeyVectors.length == 0 ? 0 : RowKeys.hash(probeKeyVectors, probeRow);
        chain = table.first(probeHash);
      }
      while (chain >= 0 && pairs < pairProbe.length) {
        int row = chain;
        chain = probeKeyVectors.length == 0 ? (row + 1 < table.rowCount() ? row + 1 : -1) : table.next(row);
        if (table.matches(row, probeHash, probeKeyVectors, probeRow)) {
          pairProbe[pairs] = probeRow;
          pairBuild[pairs] = row;
          pairs++;
          if (firstMatchOnly) {
            chain = -1;
          }
        }
      }
      if (chain < 0) {
        probeRow++;
        chain = NOT_STARTED;
      }
    }
  }

  /** Evaluates the residual on the collected pairs, records matches and emits joined rows. */
  private void flushPairs() {
    if (pairs == 0) {
      return;
    }
    int count = pairs;
    pairs = 0;
    boolean emitPairs = !semiOrAnti();
    if (condition == null) {
      markMatches(count);
      if (emitPairs) {
        ready.add(gatherPairs(schema, pairProbe, pairBuild, count));
      }
      return;
    }
    try (VectorSchemaRoot candidates = gatherPairs(pairSchema, pairProbe, pairBuild, count);
        Value passed = condition.evaluate(candidates, context)) {
      boolean[] pass = new boolean[count];
      int passing = 0;
      for (int i = 0; i < count; i++) {
        pass[i] = !passed.isNull(i) && passed.getBoolean(i);
        if (pass[i]) {
          pairProbe[passing] = pairProbe[i];
          pairBuild[passing] = pairBuild[i];
          passing++;
        }
      }
      markMatches(passing);
      if (emitPairs && passing > 0) {
        ready.add(gatherPairs(schema, pairProbe, pairBuild, passing));
      }
    }
  }

  private void markMatches(int count) {
    for (int i = 0; i < count; i++) {
      probeMatched[pairProbe[i]] = true;
      if (trackBuildMatches) {
        buildMatched[pairBuild[i]] = true;
      }
    }
  }

  /** After a probe batch: its unmatched rows (outer, anti) or matched rows (semi). */
  private void finishProbeBatch() {
    boolean probeIsLeft = !buildLeft;
    boolean semiProbe = type == JoinType.JOIN_SEMI && probeIsLeft;
    if (emitUnmatchedProbe || semiProbe) {
      int n = probe.getRowCount();
      int[] rows = new int[n];
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (probeMatched[i] == semiProbe) {
          rows[count++] = i;
        }
      }
      if (count > 0) {
        int[] none = new int[count];
        Arrays.fill(none, -1);
        ready.add(gatherSide(probe, rows, none, count));
      }
    }
    probe.close();
    probe = null;
  }

  /** After the probe: build rows never matched (outer, anti) or matched (semi with build left). */
  private boolean emitBuildRows() {
    if (!trackBuildMatches) {
      return false;
    }
    boolean wantMatched = type == JoinType.JOIN_SEMI;
    int n = build.getRowCount();
    int from = Math.max(unmatchedBuildFrom, 0);
    if (from >= n) {
      return false;
    }
    int[] rows = new int[ExecContext.BATCH_ROWS];
    int count = 0;
    int i = from;
    for (; i < n && count < rows.length; i++) {
      if (buildMatched[i] == wantMatched) {
        rows[count++] = i;
      }
    }
    unmatchedBuildFrom = i;
    if (count > 0) {
      int[] none = new int[count];
      Arrays.fill(none, -1);
      ready.add(gatherSide(build, rows, none, count));
    }
    return true;
  }

  // ---------- output ----------

  /** Rows of the join output (or of the pair schema) from probe/build row pairs. */
  private VectorSchemaRoot gatherPairs(Schema out, int[] probeRows, int[] buildRows, int count) {
    VectorSchemaRoot leftBatch = buildLeft ? build : probe;
    VectorSchemaRoot rightBatch = buildLeft ? probe : build;
    int[] leftRows = buildLeft ? buildRows : probeRows;
    int[] rightRows = buildLeft ? probeRows : buildRows;
    return assemble(out, leftBatch, leftRows, rightBatch, rightRows, count);
  }

  /**
   * Output rows from one side only ({@code batch} is the probe or the build batch, its rows
   * {@code rows}); the other side's columns are NULL.
   */
  private VectorSchemaRoot gatherSide(VectorSchemaRoot batch, int[] rows, int[] none, int count) {
    boolean isLeft = batch == (buildLeft ? build : probe);
    return isLeft
        ? assemble(schema, batch, rows, null, none, count)
        : assemble(schema, null, none, batch, rows, count);
  }

  private VectorSchemaRoot assemble(Schema out, VectorSchemaRoot leftBatch, int[] leftRows,
      VectorSchemaRoot rightBatch, int[] rightRows, int count) {
    List<Field> fields = out.getFields();
    int leftWidth = left.schema().getFields().size();
    List<FieldVector> vectors = new ArrayList<>(fields.size());
    try {
      for (int c = 0; c < fields.size(); c++) {
        boolean fromLeft = c < leftWidth;
        VectorSchemaRoot src = fromLeft ? leftBatch : rightBatch;
        FieldVector source = src == null ? null : src.getVector(fromLeft ? c : c - leftWidth);
        vectors.add(Gather.gather(fields.get(c), source, fromLeft ? leftRows : rightRows, count, context.allocator()));
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    return new VectorSchemaRoot(fields, vectors, count);
  }

  @Override
  public void close() {
    if (partitionJoin != null) {
      partitionJoin.close();
      partitionJoin = null;
    }
    if (buildFiles != null) {
      closeAll(buildFiles);
      closeAll(probeFiles);
      Arrays.fill(buildFiles, null);
      Arrays.fill(probeFiles, null);
    }
    heap.close();
    ready.forEach(VectorSchemaRoot::close);
    ready.clear();
    if (probe != null) {
      probe.close();
      probe = null;
    }
    if (build != null) {
      build.close();
      build = null;
    }
    left.close();
    right.close();
  }
}
