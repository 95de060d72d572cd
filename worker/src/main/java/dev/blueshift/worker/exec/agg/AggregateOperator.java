package dev.blueshift.worker.exec.agg;

import dev.blueshift.protocol.AggCall;
import dev.blueshift.protocol.AggPhase;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.ExecContext;
import dev.blueshift.worker.exec.Operator;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.types.ArrowSchemas;
import dev.blueshift.worker.types.ProtoTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hash aggregation. Output columns: the group keys, then per call either its final value (SINGLE,
 * FINAL) or its state columns (PARTIAL). In the FINAL phase the input is a PARTIAL output: keys
 * first, then each call's state columns in order.
 */
public final class AggregateOperator implements Operator {
  private final Operator input;
  private final int[] groupKeys;
  private final List<AggCall> calls;
  private final AggPhase phase;
  private final ExecContext context;
  private final Schema schema;
  private final List<Accumulator> accumulators = new ArrayList<>();
  private final List<String> keyNames = new ArrayList<>();
  private final List<SqlType> keyTypes = new ArrayList<>();
  private boolean done;

  public AggregateOperator(Operator input, int[] groupKeys, List<AggCall> calls, AggPhase phase, ExecContext context) {
    this.input = input;
    this.groupKeys = groupKeys;
    this.calls = calls;
    this.phase = phase;
    this.context = context;
    List<Field> inFields = input.schema().getFields();
    List<String> names = new ArrayList<>();
    List<SqlType> types = new ArrayList<>();
    for (int k : groupKeys) {
      keyNames.add(inFields.get(k).getName());
      keyTypes.add(ArrowSchemas.sqlType(inFields.get(k)));
    }
    names.addAll(keyNames);
    types.addAll(keyTypes);
    int stateColumn = groupKeys.length;
    for (AggCall call : calls) {
      SqlType resultType = ProtoTypes.fromProto(call.getType());
      SqlType argType = AggregateFunctions.argType(call);
      List<SqlType> states = AggregateFunctions.stateTypes(call);
      int arg = call.getArgsCount() > 0 ? call.getArgs(0) : -1;
      accumulators.add(Accumulators.create(call.getFunction(), argType, resultType, arg, stateColumn));
      stateColumn += states.size();
      if (phase == AggPhase.AGG_PHASE_PARTIAL) {
        for (int s = 0; s < states.size(); s++) {
          names.add(call.getName() + "$" + s);
          types.add(states.get(s));
        }
      } else {
        names.add(call.getName());
        types.add(resultType);
      }
    }
    this.schema = ArrowSchemas.schema(names, types);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (done) {
      return null;
    }
    done = true;
    try (GroupTable table = new GroupTable(keyNames, keyTypes, context.allocator())) {
      boolean merge = phase == AggPhase.AGG_PHASE_FINAL;
      if (groupKeys.length == 0) {
        // a global aggregate has exactly one group, even over no rows
        table.findOrInsert(new FieldVector[0], 0);
        accumulators.forEach(a -> a.ensureGroups(1));
      }
      VectorSchemaRoot batch;
      FieldVector[] keys = new FieldVector[groupKeys.length];
      int[] groupOf = new int[0];
      while ((batch = input.next()) != null) {
        try {
          context.checkCancelled();
          int n = batch.getRowCount();
          for (int k = 0; k < keys.length; k++) {
            keys[k] = batch.getVector(groupKeys[k]);
          }
          if (groupOf.length < n) {
            groupOf = new int[n];
          }
          for (int i = 0; i < n; i++) {
            groupOf[i] = table.findOrInsert(keys, i);
          }
          int groups = table.groupCount();
          for (Accumulator acc : accumulators) {
            acc.ensureGroups(groups);
            for (int i = 0; i < n; i++) {
              if (merge) {
                acc.merge(batch, i, groupOf[i]);
              } else {
                acc.add(batch, i, groupOf[i]);
              }
            }
          }
        } finally {
          batch.close();
        }
      }
      return output(table);
    }
  }

  private VectorSchemaRoot output(GroupTable table) {
    int groups = table.groupCount();
    accumulators.forEach(a -> a.ensureGroups(Math.max(groups, 1)));
    List<FieldVector> vectors = new ArrayList<>(Arrays.asList(table.takeKeys()));
    try {
      List<Field> fields = schema.getFields();
      int column = vectors.size();
      for (int c = 0; c < accumulators.size(); c++) {
        Accumulator acc = accumulators.get(c);
        if (phase == AggPhase.AGG_PHASE_PARTIAL) {
          int stateCount = AggregateFunctions.stateTypes(calls.get(c)).size();
          List<FieldVector> states = new ArrayList<>();
          for (int s = 0; s < stateCount; s++) {
            Field f = fields.get(column++);
            FieldVector v = Vectors.allocate(f.getName(), ArrowSchemas.sqlType(f), groups, context.allocator());
            vectors.add(v);
            states.add(v);
          }
          acc.writeStates(states, groups);
        } else {
          Field f = fields.get(column++);
          FieldVector v = Vectors.allocate(f.getName(), ArrowSchemas.sqlType(f), groups, context.allocator());
          vectors.add(v);
          acc.writeResult(v, groups);
        }
      }
      Vectors.setValueCount(vectors, groups);
      return new VectorSchemaRoot(schema.getFields(), vectors, groups);
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
  }

  @Override
  public void close() {
    input.close();
  }
}
