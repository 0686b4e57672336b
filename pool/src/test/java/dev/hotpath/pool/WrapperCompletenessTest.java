package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Invariant 4, "every JDBC method delegates": each wrapper implements every method of its
 * interface itself, including JDBC's default methods, so that none silently falls back to a
 * default that ignores the driver.
 */
class WrapperCompletenessTest {

  @ParameterizedTest
  @CsvSource({
      "java.sql.Connection, dev.hotpath.pool.internal.InstrumentedConnection",
      "java.sql.Statement, dev.hotpath.pool.internal.InstrumentedStatement",
      "java.sql.PreparedStatement, dev.hotpath.pool.internal.InstrumentedPreparedStatement",
      "java.sql.CallableStatement, dev.hotpath.pool.internal.InstrumentedCallableStatement",
      "java.sql.ResultSet, dev.hotpath.pool.internal.InstrumentedResultSet",
      "java.sql.DatabaseMetaData, dev.hotpath.pool.internal.InstrumentedDatabaseMetaData"
  })
  void wrapperImplementsEveryMethodOfItsInterface(Class<?> jdbcInterface, Class<?> wrapper) {
    List<String> missing = new ArrayList<>();
    for (Method method : jdbcInterface.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      try {
        Method implementation = wrapper.getMethod(method.getName(), method.getParameterTypes());
        if (implementation.getDeclaringClass().isInterface()) {
          missing.add(method.toString());
        }
      } catch (NoSuchMethodException e) {
        missing.add(method.toString());
      }
    }
    assertThat(missing).isEmpty();
  }
}
