package dev.hotpath.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.ServerTiming;
import dev.hotpath.core.UnitOfWork;
import dev.hotpath.pool.H2Database;
import dev.hotpath.pool.HotpathDataSource;
import dev.hotpath.pool.NPlusOnePolicy;
import dev.hotpath.pool.QueryKind;
import dev.hotpath.pool.QueryScope;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * What hotpath does around every statement, without the driver: find the request and the query
 * scope, count the SELECT in the N+1 detector and the scope, record its latency and add it to the
 * request's Server-Timing entry. After the first statement of a request has created the
 * detector, the entry and the histogram, none of that allocates: a SELECT repeated inside a
 * request must not make garbage per execution (the JDBC budget, issue 14).
 *
 * <p>Measured with the JVM's per-thread allocation counter over many rounds, before the JIT has
 * had a chance to remove anything by escape analysis, so an object made per round shows as
 * thousands of bytes.
 */
class StatementBookkeepingAllocationTest {

  private static final int ROUNDS = 10_000;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Test
  void theBookkeepingOfARepeatedSelectInARequestAndAQueryScopeAllocatesNothing()
      throws SQLException {
    try (HotpathDataSource db = HotpathDataSource.builder().hikari(H2Database.hikari())
            .nPlusOne(NPlusOnePolicy.LOG, 10).build();
         Connection connection = db.getConnection();
         Statement statement = connection.createStatement();
         UnitOfWork request = UnitOfWork.begin("GET /items/{id}");
         QueryScope scope = QueryScope.open()) {
      ServerTiming timing = new ServerTiming();
      request.attach(ServerTiming.KEY, timing);
      InstrumentedStatement instrumented = (InstrumentedStatement) statement;
      StatementShape shape = instrumented.shape("SELECT name FROM item WHERE id = ?");

      // The request's first rounds create its detector entry, its Server-Timing slot and the
      // N+1 report (once, past the threshold): allowed to allocate.
      runRounds(instrumented, shape, 100);
      long before = THREADS.getCurrentThreadAllocatedBytes();
      runRounds(instrumented, shape, ROUNDS);
      long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

      assertThat(scope.count(QueryKind.SELECT)).isEqualTo(100 + ROUNDS);
      assertThat(timing.headerValue(0)).contains("db;").contains((100 + ROUNDS) + " queries");
      // Less than one byte a round: the counter's own reads may cost a few bytes in all.
      assertThat(allocated).as("bytes allocated over %d rounds", ROUNDS).isLessThan(ROUNDS);
    }
  }

  private static void runRounds(InstrumentedStatement statement, StatementShape shape, int rounds) {
    for (int i = 0; i < rounds; i++) {
      long start = statement.begin(shape);
      statement.end(shape, start, -1, null);
    }
  }
}
