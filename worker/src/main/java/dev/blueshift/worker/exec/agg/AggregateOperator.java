package dev.blueshift.worker.exec.agg;

import dev.blueshift.protocol.AggCall;
import dev.blueshift.protocol.AggPhase;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Gather;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.exec.spill.MemoryReservation;
import dev.blueshift.worker.exec.spill.QueryMemory;
import dev.blueshift.worker.exec.spill.SpillFile;
import dev.blueshift.worker.exec.spill.SpillPartitions;
import dev.blueshift.worker.types.ArrowSchemas;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hash aggregation. Output columns: the group keys, then per call either its final value (SINGLE,
 * FINAL) or its state columns (PARTIAL). In the FINAL phase the input is a PARTIAL output: keys
 * first, then each call's state columns in order.
 *
 * <p>Memory: before each input batch the table and the accumulators are sized for every row of
 * the batch being a new group, against the query's allocator (Arrow key vectors) and a
 * {@link MemoryReservation} (Java arrays). When that is refused the groups so far are written as
 * state rows (the PARTIAL layout) to {@link QueryMemory#PARTITIONS} spill partitions by key hash
 * and the table starts empty; at the end every partition is merged on its own (and split again
 * with another hash seed when it still does not fit), so the result is the in-memory one.
 */
public final class AggregateOperator implements Operator {
  private static final int SPILL_CHUNK = 1024;
  /** Fewest rows of a batch taken at once when memory is short. */
  private static final int MIN_STEP = 256;

  private final Operator input;
  private final int[] groupKeys;
  private final List<AggCall> calls;
  private final AggPhase phase;
  private final ExecContext context;
  private final BufferAllocator allocator;
  private final Schema schema;
  /** Keys then every call's state columns: what PARTIAL emits and what spill files hold. */
  private final Schema stateSchema;
  private final int[] stateKeys;
  private final List<String> keyNames = new ArrayList<>();
  private final List<SqlType> keyTypes = new ArrayList<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private int[] groupOf = new int[0];
  private boolean consumed;
  private boolean emittedAny;
  private Aggregation current;
  private int emitted;
  private SpillPartitions spill;

  /** A spilled partition still to aggregate, and the level its own split would use. */
  private record Pending(SpillFile file, int level) {}

  public AggregateOperator(Operator input, int[] groupKeys, List<AggCall> calls, AggPhase phase, ExecContext context) {
    this.input = input;
    this.groupKeys = groupKeys;
    this.calls = calls;
    this.phase = phase;
    this.context = context;
    this.allocator = context.allocator();
    List<Field> inFields = input.schema().getFields();
    for (int k : groupKeys) {
      keyNames.add(inFields.get(k).getName());
      keyTypes.add(ArrowSchemas.sqlType(inFields.get(k)));
    }
    List<String> names = new ArrayList<>(keyNames);
    List<SqlType> types = new ArrayList<>(keyTypes);
    List<String> stateNames = new ArrayList<>(keyNames);
    List<SqlType> stateTypes = new ArrayList<>(keyTypes);
    for (AggCall call : calls) {
      List<SqlType> states = AggregateFunctions.stateTypes(call);
      for (int s = 0; s < states.size(); s++) {
        stateNames.add(call.getName() + "$" + s);
        stateTypes.add(states.get(s));
      }
      if (phase != AggPhase.AGG_PHASE_PARTIAL) {
        names.add(call.getName());
        types.add(ProtoTypes.fromProto(call.getType()));
      }
    }
    this.stateSchema = ArrowSchemas.schema(stateNames, stateTypes);
    this.schema = phase == AggPhase.AGG_PHASE_PARTIAL ? stateSchema : ArrowSchemas.schema(names, types);
    this.stateKeys = new int[groupKeys.length];
    for (int k = 0; k < stateKeys.length; k++) {
      stateKeys[k] = k;
    }
  }

  /** Fresh accumulators: raw arguments at their input columns, states at their state-layout columns. */
  private List<Accumulator> newAccumulators() {
    List<Accumulator> out = new ArrayList<>(calls.size());
    int stateColumn = groupKeys.length;
    for (AggCall call : calls) {
      SqlType resultType = ProtoTypes.fromProto(call.getType());
      SqlType argType = AggregateFunctions.argType(call);
      int arg = call.getArgsCount() > 0 ? call.getArgs(0) : -1;
      out.add(Accumulators.create(call.getFunction(), argType, resultType, arg, stateColumn));
      stateColumn += AggregateFunctions.stateTypes(call).size();
    }
    return out;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (!consumed) {
      consumed = true;
      consume();
    }
    while (true) {
      context.checkCancelled();
      if (current != null) {
        int groups = current.table.groupCount();
        if (emitted < groups || (!emittedAny && groups == 0 && pending.isEmpty())) {
          int count = Math.min(ExecContext.BATCH_ROWS, groups - emitted);
          VectorSchemaRoot out = current.emit(emitted, count, phase == AggPhase.AGG_PHASE_PARTIAL);
          emitted += count;
          emittedAny = true;
          return out;
        }
        current.close();
        current = null;
        emitted = 0;
      }
      Pending p = pending.poll();
      if (p == null) {
        return null;
      }
      current = mergePartition(p);
    }
  }

  private void consume() {
    current = new Aggregation();
    boolean merge = phase == AggPhase.AGG_PHASE_FINAL;
    if (groupKeys.length == 0) {
      // a global aggregate has exactly one group, even over no rows; it never needs to spill
      current.table.findOrInsert(new FieldVector[0], 0);
      current.growAccumulators(1);
    }
    FieldVector[] keys = new FieldVector[groupKeys.length];
    VectorSchemaRoot b;
    while ((b = input.next()) != null) {
      try (VectorSchemaRoot batch = b) {
        context.checkCancelled();
        int n = batch.getRowCount();
        for (int k = 0; k < keys.length; k++) {
          keys[k] = batch.getVector(groupKeys[k]);
        }
        int from = 0;
        while (from < n) {
          int count = n - from;
          if (keys.length > 0 && !current.reserve(keys, from, count)) {
            if (spill == null) {
              spill = new SpillPartitions(context.spillDirectory(), "agg", stateSchema, 0);
            }
            if (current.table.groupCount() > 0) {
              spillState(current, spill);
              current.close();
              current = null;
              current = new Aggregation();
            }
            // other operators of the query may hold most of the memory: take the batch in smaller steps
            count = current.largestStep(keys, from, count);
          }
          current.accumulate(batch, keys, from, from + count, merge);
          from += count;
        }
      }
    }
    if (spill != null) {
      spillState(current, spill);
      current.close();
      current = null;
      for (int p = 0; p < QueryMemory.PARTITIONS; p++) {
        SpillFile f = spill.take(p);
        if (f != null) {
          pending.add(new Pending(f, 1));
        }
      }
      spill.close();
      spill = null;
    }
  }

  /** Aggregates one spilled partition, or splits it one level down (returns null) when it does not fit. */
  private Aggregation mergePartition(Pending p) {
    Aggregation agg = new Aggregation();
    FieldVector[] keys = new FieldVector[groupKeys.length];
    try (SpillFile file = p.file(); SpillFile.Reader reader = file.open(allocator)) {
      VectorSchemaRoot b;
      while ((b = reader.next()) != null) {
        try (VectorSchemaRoot batch = b) {
          context.checkCancelled();
          int n = batch.getRowCount();
          for (int k = 0; k < keys.length; k++) {
            keys[k] = batch.getVector(k);
          }
          if (agg.reserve(keys, 0, n)) {
            agg.accumulate(batch, keys, 0, n, true);
            continue;
          }
          if (agg.table.groupCount() == 0 || p.level() >= QueryMemory.MAX_LEVEL) {
            // nothing to split off: take the batch in smaller steps, or give up
            for (int from = 0; from < n; ) {
              int count = agg.largestStep(keys, from, n - from);
              agg.accumulate(batch, keys, from, from + count, true);
              from += count;
            }
            continue;
          }
          try (SpillPartitions sub = new SpillPartitions(context.spillDirectory(), "agg", stateSchema, p.level())) {
            spillState(agg, sub);
            agg.close();
            agg = null;
            sub.writeByKeys(batch, stateKeys, allocator);
            VectorSchemaRoot rest;
            while ((rest = reader.next()) != null) {
              try (VectorSchemaRoot r = rest) {
                context.checkCancelled();
                sub.writeByKeys(r, stateKeys, allocator);
              }
            }
            for (int q = 0; q < QueryMemory.PARTITIONS; q++) {
              SpillFile f = sub.take(q);
              if (f != null) {
                pending.addFirst(new Pending(f, p.level() + 1));
              }
            }
          }
          return null;
        }
      }
      return agg;
    } catch (RuntimeException e) {
      if (agg != null) {
        agg.close();
      }
      throw e;
    }
  }

  /** Writes every group of {@code agg} as state rows to the partitions of its key hash. */
  private void spillState(Aggregation agg, SpillPartitions partitions) {
    int groups = agg.table.groupCount();
    int[] partitionOf = new int[Math.min(SPILL_CHUNK, Math.max(groups, 1))];
    for (int from = 0; from < groups; from += SPILL_CHUNK) {
      int count = Math.min(SPILL_CHUNK, groups - from);
      try (VectorSchemaRoot states = agg.emit(from, count, true)) {
        for (int i = 0; i < count; i++) {
          partitionOf[i] = QueryMemory.partition(agg.table.hashOf(from + i), partitions.level());
        }
        partitions.write(states, partitionOf, allocator);
      }
    }
  }

  @Override
  public void close() {
    try {
      if (current != null) {
        current.close();
        current = null;
      }
      if (spill != null) {
        spill.close();
        spill = null;
      }
      for (Pending p : pending) {
        p.file().close();
      }
      pending.clear();
    } finally {
      input.close();
    }
  }

  /** One hash table with its accumulators and the heap it has reserved. */
  private final class Aggregation implements AutoCloseable {
    final GroupTable table;
    final List<Accumulator> accumulators = newAccumulators();
    final MemoryReservation heap = new MemoryReservation(allocator);
    final long bytesPerGroup;
    final long[] keyBytes = new long[groupKeys.length];
    int capacity = 16;

    Aggregation() {
      table = new GroupTable(keyNames, keyTypes, allocator);
      long perGroup = 0;
      for (Accumulator a : accumulators) {
        perGroup += a.bytesPerGroup();
      }
      bytesPerGroup = perGroup;
    }

    void growAccumulators(int groups) {
      if (groups > capacity) {
        int cap = Math.max(groups, capacity * 2);
        for (Accumulator a : accumulators) {
          a.ensureGroups(cap);
        }
        capacity = cap;
      }
    }

    /**
     * Sizes everything for {@code n} more groups (the worst case of one batch). False when the
     * query's memory refuses it or leaves too little to spill with; nothing is lost either way.
     */
    /**
     * The most rows from {@code from} (at most {@code count}, halving) the table can be sized
     * for; throws 53200 when not even a few hundred fit.
     */
    int largestStep(FieldVector[] keys, int from, int count) {
      int step = count;
      while (!reserve(keys, from, step)) {
        if (step <= MIN_STEP) {
          // the last step may use the spill reserve: only the hard limit stops it
          if (reserve(keys, from, step, false)) {
            return step;
          }
          throw QueryMemory.exceeded("Aggregate", allocator);
        }
        step = Math.max(MIN_STEP, step / 2);
      }
      return step;
    }

    boolean reserve(FieldVector[] keys, int from, int n) {
      return reserve(keys, from, n, true);
    }

    /** @param keepReserve whether the growth must leave the spill reserve free */
    boolean reserve(FieldVector[] keys, int from, int n, boolean keepReserve) {
      int target = table.groupCount() + n;
      int cap = target <= capacity ? capacity : Math.max(target, capacity * 2);
      long variable = 0;
      for (Accumulator a : accumulators) {
        variable += a.variableBytes();
      }
      long heapBytes = table.heapBytesFor(target) + bytesPerGroup * cap + variable;
      long arrowGrowth = 0;
      for (int k = 0; k < keys.length; k++) {
        if (keys[k] instanceof VarCharVector s) {
          keyBytes[k] = (long) s.getOffsetBuffer().getInt((long) (from + n) * 4) - s.getOffsetBuffer().getInt((long) from * 4);
          arrowGrowth += keyBytes[k];
        }
        FieldVector stored = table.key(k);
        if (stored.getValueCapacity() < target) {
          arrowGrowth += stored.getBufferSize(); // doubling
        }
      }
      // decide before growing, so that what is left is enough to spill with
      if ((keepReserve && !QueryMemory.fits(allocator, Math.max(0, heapBytes - heap.reserved()) + arrowGrowth))
          || !heap.tryReserve(heapBytes)) {
        return false;
      }
      try {
        table.reserveGroups(target, keyBytes);
      } catch (OutOfMemoryException e) {
        return false;
      }
      growAccumulators(target);
      return true;
    }

    /** Rows [from, to) of the batch into their groups. */
    void accumulate(VectorSchemaRoot batch, FieldVector[] keys, int from, int to, boolean merge) {
      if (groupOf.length < to) {
        groupOf = new int[to];
      }
      for (int i = from; i < to; i++) {
        groupOf[i] = table.findOrInsert(keys, i);
      }
      growAccumulators(table.groupCount());
      for (Accumulator acc : accumulators) {
        for (int i = from; i < to; i++) {
          if (merge) {
            acc.merge(batch, i, groupOf[i]);
          } else {
            acc.add(batch, i, groupOf[i]);
          }
        }
      }
    }

    /** Groups [from, from+count) as a batch: state columns, or final values. */
    VectorSchemaRoot emit(int from, int count, boolean states) {
      table.sealKeys();
      Schema out = states ? stateSchema : schema;
      List<Field> fields = out.getFields();
      List<FieldVector> vectors = new ArrayList<>(fields.size());
      try {
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
          rows[i] = from + i;
        }
        for (int k = 0; k < table.keyCount(); k++) {
          vectors.add(Gather.gather(fields.get(k), table.key(k), rows, count, allocator));
        }
        int column = table.keyCount();
        for (int c = 0; c < accumulators.size(); c++) {
          Accumulator acc = accumulators.get(c);
          if (states) {
            int stateCount = AggregateFunctions.stateTypes(calls.get(c)).size();
            List<FieldVector> stateVectors = new ArrayList<>(stateCount);
            for (int s = 0; s < stateCount; s++) {
              FieldVector v = allocate(fields.get(column++), count);
              vectors.add(v);
              stateVectors.add(v);
            }
            acc.writeStates(stateVectors, from, count);
          } else {
            FieldVector v = allocate(fields.get(column++), count);
            vectors.add(v);
            acc.writeResult(v, from, count);
          }
        }
        Vectors.setValueCount(vectors, count);
        return new VectorSchemaRoot(fields, vectors, count);
      } catch (RuntimeException e) {
        vectors.forEach(FieldVector::close);
        throw e;
      }
    }

    private FieldVector allocate(Field f, int count) {
      return Vectors.allocate(f.getName(), ArrowSchemas.sqlType(f), count, allocator);
    }

    @Override
    public void close() {
      try {
        table.close();
      } finally {
        heap.close();
      }
    }
  }
}
