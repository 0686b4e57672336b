package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.core.UnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NPlusOneDetectionTest {

  private final RecordingListener recorded = new RecordingListener();
  private final List<NPlusOneReport> reports = recorded.reports;
  private HotpathDataSource dataSource;

  private HotpathDataSource start(NPlusOnePolicy policy, int threshold) throws SQLException {
    dataSource = HotpathDataSource.builder().name("n1").hikari(H2Database.hikari())
        .nPlusOne(policy, threshold)
        .listener(recorded)
        .build();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE tag (id INT PRIMARY KEY, photo_id INT, label VARCHAR(20))");
      s.execute("INSERT INTO tag VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c')");
    }
    return dataSource;
  }

  @AfterEach
  void stop() {
    if (dataSource != null) {
      dataSource.close();
    }
  }

  private void loadTagsOneByOne(int photos) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      for (int photo = 1; photo <= photos; photo++) {
        try (PreparedStatement ps = c.prepareStatement("SELECT label FROM tag WHERE photo_id = ?")) {
          ps.setInt(1, photo);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rs.getString(1);
            }
          }
        }
      }
    }
  }

  @Test
  void repeatedSelectInAQueryScopeIsReportedOnceWithTheCallerOutsideTheLibrary() throws Exception {
    start(NPlusOnePolicy.LOG, 3);
    try (QueryScope scope = QueryScope.open()) {
      loadTagsOneByOne(10);
      scope.assertSelectCount(10);
    }
    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.count()).isEqualTo(4);
      assertThat(report.scopeName()).isEqualTo("thread");
      assertThat(report.dataSourceName()).isEqualTo("n1");
      assertThat(report.fingerprint().text()).isEqualTo("SELECT label FROM tag WHERE photo_id = ?");
      assertThat(report.callSite().getClassName()).isEqualTo(NPlusOneDetectionTest.class.getName());
      assertThat(report.callSite().getMethodName()).isEqualTo("loadTagsOneByOne");
      assertThat(report.describe()).startsWith("N+1 in thread on n1: 4 x SELECT label FROM tag");
    });
  }

  @Test
  void throwPolicyFailsTheFirstRepetitionOverTheThresholdBeforeItRuns() throws Exception {
    start(NPlusOnePolicy.THROW, 2);
    try (QueryScope scope = QueryScope.open()) {
      assertThatThrownBy(() -> loadTagsOneByOne(5))
          .isInstanceOf(NPlusOneDetectedException.class)
          .hasMessageContaining("3 x SELECT label FROM tag WHERE photo_id = ?")
          .satisfies(e -> assertThat(((NPlusOneDetectedException) e).report().count()).isEqualTo(3));
    }
    assertThat(reports).hasSize(1);
  }

  @Test
  void aStatementRefusedAsNPlusOneIsNotCountedInTheQueryScope() throws Exception {
    start(NPlusOnePolicy.THROW, 2);
    try (QueryScope outer = QueryScope.open(); QueryScope inner = QueryScope.open()) {
      assertThatThrownBy(() -> loadTagsOneByOne(5)).isInstanceOf(NPlusOneDetectedException.class);
      // Two ran; the third was refused before it ran and is in neither count nor list.
      assertThat(inner.count(QueryKind.SELECT)).isEqualTo(2);
      assertThat(inner.statements()).hasSize(2);
      assertThat(outer.totalCount()).isEqualTo(2);
    }
  }

  @Test
  void atTheThresholdNothingIsReported() throws Exception {
    start(NPlusOnePolicy.THROW, 3);
    try (QueryScope scope = QueryScope.open()) {
      loadTagsOneByOne(3);
    }
    assertThat(reports).isEmpty();
  }

  @Test
  void eachScopeCountsAfresh() throws Exception {
    start(NPlusOnePolicy.LOG, 3);
    for (int request = 0; request < 3; request++) {
      try (QueryScope scope = QueryScope.open()) {
        loadTagsOneByOne(2);
      }
    }
    assertThat(reports).isEmpty();
    try (QueryScope scope = QueryScope.open()) {
      loadTagsOneByOne(5);
    }
    assertThat(reports).hasSize(1);
  }

  @Test
  void aUnitOfWorkIsOneScopeAcrossItsThreadsAndChildren() throws Exception {
    start(NPlusOnePolicy.LOG, 3);
    try (UnitOfWork request = UnitOfWork.begin("GET /photos")) {
      loadTagsOneByOne(2);
      Thread worker = new Thread(UnitOfWork.wrap(() -> {
        try (UnitOfWork child = UnitOfWork.begin("tags")) {
          loadTagsOneByOne(2);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }));
      worker.start();
      worker.join();
    }
    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.scopeName()).isEqualTo("GET /photos");
      assertThat(report.count()).isEqualTo(4);
    });
  }

  @Test
  void withoutAScopeNothingIsCounted() throws Exception {
    start(NPlusOnePolicy.THROW, 1);
    loadTagsOneByOne(5);
    assertThat(reports).isEmpty();
  }

  @Test
  void offPolicyDetectsNothing() throws Exception {
    start(NPlusOnePolicy.OFF, 1);
    try (QueryScope scope = QueryScope.open()) {
      loadTagsOneByOne(5);
    }
    assertThat(reports).isEmpty();
  }

  @Test
  void repeatedWritesAreNotNPlusOne() throws Exception {
    start(NPlusOnePolicy.THROW, 1);
    try (QueryScope scope = QueryScope.open();
         Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("UPDATE tag SET label = ? WHERE id = ?")) {
      for (int i = 0; i < 5; i++) {
        ps.setString(1, "x" + i);
        ps.setInt(2, 1);
        ps.executeUpdate();
      }
      scope.assertUpdateCount(5);
    }
    assertThat(reports).isEmpty();
  }
}
