package dev.blueshift.worker.exec.ops;

import dev.blueshift.protocol.SortKey;
import dev.blueshift.types.SqlType;
import dev.blueshift.worker.exec.Vectors;
import dev.blueshift.worker.exec.expr.Evaluators;
import dev.blueshift.worker.types.ArrowSchemas;
import java.util.List;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Orders rows of batches by sort keys with SQL NULL placement. */
public final class RowComparator {
  private final List<SortKey> keys;
  private final SqlType[] types;

  public RowComparator(List<SortKey> keys, Schema schema) {
    this.keys = keys;
    this.types = new SqlType[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      types[k] = ArrowSchemas.sqlType(schema.getFields().get(keys.get(k).getColumn()));
    }
  }

  public int compare(VectorSchemaRoot a, int i, VectorSchemaRoot b, int j) {
    for (int k = 0; k < types.length; k++) {
      SortKey key = keys.get(k);
      FieldVector va = a.getVector(key.getColumn());
      FieldVector vb = b.getVector(key.getColumn());
      boolean na = va.isNull(i);
      boolean nb = vb.isNull(j);
      int c;
      if (na || nb) {
        if (na && nb) {
          continue;
        }
        c = na == key.getNullsFirst() ? -1 : 1;
        return c;
      }
      SqlType t = types[k];
      if (t.isString()) {
        c = Evaluators.compareUtf8(((VarCharVector) va).get(i), ((VarCharVector) vb).get(j), t.kind() == SqlType.Kind.CHAR);
      } else if (Evaluators.isFloating(t)) {
        c = Double.compare(Vectors.getDouble(va, i), Vectors.getDouble(vb, j));
      } else if (t.kind() == SqlType.Kind.BOOLEAN) {
        c = Integer.compare(((BitVector) va).get(i), ((BitVector) vb).get(j));
      } else {
        c = Long.compare(Vectors.getLong(va, i), Vectors.getLong(vb, j));
      }
      if (c != 0) {
        return key.getDescending() ? -c : c;
      }
    }
    return 0;
  }
}
