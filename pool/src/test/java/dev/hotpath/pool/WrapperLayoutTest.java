package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-round cost of the wrappers (pool/README.md, JdbcOverheadBenchmark): each round allocates
 * a connection, a prepared statement and a result set wrapper whenever the JIT cannot
 * scalar-replace them, which depends on its inlining budget and differs between JVM runs. Their
 * sizes are therefore kept by layout: with compressed references an object is a 12-byte header
 * plus 4 bytes per reference and 8 per long, padded to 8, so the prepared statement's wrapper is
 * 32 bytes only with at most 5 references.
 */
class WrapperLayoutTest {

  @ParameterizedTest
  @CsvSource({
      "dev.hotpath.pool.internal.InstrumentedConnection, 32",
      "dev.hotpath.pool.internal.InstrumentedStatement, 32",
      "dev.hotpath.pool.internal.InstrumentedPreparedStatement, 32",
      "dev.hotpath.pool.internal.InstrumentedCallableStatement, 32",
      "dev.hotpath.pool.internal.InstrumentedResultSet, 24"
  })
  void wrapperFitsItsSize(String wrapper, int bytes) throws ClassNotFoundException {
    List<String> fields = new ArrayList<>();
    int size = 12;
    for (Class<?> type = Class.forName(wrapper); type != Object.class;
        type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Class<?> t = field.getType();
        size += t == long.class || t == double.class ? 8
            : t == int.class || t == float.class || !t.isPrimitive() ? 4
            : t == short.class || t == char.class ? 2 : 1;
        fields.add(type.getSimpleName() + "." + field.getName());
      }
    }
    int padded = (size + 7) / 8 * 8;
    assertThat(padded).as("%s with fields %s", wrapper, fields).isLessThanOrEqualTo(bytes);
  }
}
