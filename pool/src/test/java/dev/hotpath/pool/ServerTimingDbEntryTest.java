package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.core.ServerTiming;
import dev.hotpath.core.UnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerTimingDbEntryTest {

  private HotpathDataSource dataSource;

  private HotpathDataSource start(NPlusOnePolicy policy, int threshold) throws SQLException {
    dataSource = HotpathDataSource.builder().name("timing").hikari(H2Database.hikari())
        .nPlusOne(policy, threshold).build();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE photo (id INT PRIMARY KEY, title VARCHAR(20))");
    }
    return dataSource;
  }

  @AfterEach
  void stop() {
    if (dataSource != null) {
      dataSource.close();
    }
  }

  /** What a request's code does, run in a unit of work that carries Server-Timing entries. */
  private interface RequestWork {
    void run() throws Exception;
  }

  private static ServerTiming timedRequest(RequestWork work) throws Exception {
    ServerTiming timing = new ServerTiming();
    try (UnitOfWork request = UnitOfWork.begin("GET /photos")) {
      request.attach(ServerTiming.KEY, timing);
      work.run();
    }
    return timing;
  }

  private static ServerTiming.Entry dbEntry(ServerTiming timing) {
    assertThat(timing.entries()).extracting(ServerTiming.Entry::name).containsOnlyOnce("db");
    return timing.entries().stream().filter(e -> e.name().equals("db")).findFirst().orElseThrow();
  }

  @Test
  void statementsOfARequestAddUpInOneDbEntry() throws Exception {
    start(NPlusOnePolicy.LOG, 10);
    ServerTiming timing = timedRequest(() -> {
      try (Connection c = dataSource.getConnection()) {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO photo VALUES (1, 'sea')");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT title FROM photo WHERE id = ?")) {
          ps.setInt(1, 1);
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
          }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE photo SET title = ? WHERE id = ?")) {
          ps.setString(1, "lake");
          ps.setInt(2, 1);
          ps.executeUpdate();
        }
      }
    });

    ServerTiming.Entry db = dbEntry(timing);
    assertThat(db.count()).isEqualTo(3);
    assertThat(db.duration()).isPositive();
    assertThat(db.description()).isEqualTo("3 queries");
    assertThat(timing.headerValue(0)).matches("total;dur=0\\.000, db;dur=\\d+\\.\\d{3};desc=\"3 queries\"");
  }

  @Test
  void statementsInNestedUnitsAndCarriedThreadsCountInTheRootsEntry() throws Exception {
    start(NPlusOnePolicy.LOG, 10);
    ServerTiming timing = timedRequest(() -> {
      try (UnitOfWork ignored = UnitOfWork.begin("load")) {
        insert(1);
        Thread worker = new Thread(UnitOfWork.wrap((Runnable) () -> insert(2)));
        worker.start();
        worker.join();
      }
    });

    assertThat(dbEntry(timing).count()).isEqualTo(2);
  }

  @Test
  void statementsOutsideATimedRequestChangeNothing() throws Exception {
    start(NPlusOnePolicy.LOG, 10);
    insert(1);
    try (UnitOfWork request = UnitOfWork.begin("job")) {
      insert(2);
      assertThat(request.attachment(ServerTiming.KEY)).isEmpty();
    }
  }

  @Test
  void aStatementRefusedAsNPlusOneIsNotTimed() throws Exception {
    start(NPlusOnePolicy.THROW, 1);
    insert(1);
    ServerTiming timing = timedRequest(() -> {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.executeQuery("SELECT title FROM photo WHERE id = 1").close();
        assertThatThrownBy(() -> s.executeQuery("SELECT title FROM photo WHERE id = 2"))
            .isInstanceOf(NPlusOneDetectedException.class);
      }
    });

    assertThat(dbEntry(timing).count()).isEqualTo(1);
  }

  private void insert(int id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO photo VALUES (?, 'x')")) {
      ps.setInt(1, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
