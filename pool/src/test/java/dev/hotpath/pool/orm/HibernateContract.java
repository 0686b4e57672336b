package dev.hotpath.pool.orm;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import dev.hotpath.pool.HotpathDataSource;
import dev.hotpath.pool.NPlusOnePolicy;
import dev.hotpath.pool.NPlusOneReport;
import dev.hotpath.pool.QueryEvent;
import dev.hotpath.pool.QueryKind;
import dev.hotpath.pool.RecordingListener;
import dev.hotpath.pool.QueryScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hibernate ORM 7 on {@link HotpathDataSource}, configured as applications configure it: schema
 * generation, JDBC batching, identity keys, LOBs and lazy collections. Subclasses give the
 * database.
 */
abstract class HibernateContract {

  static final int BATCH_SIZE = 20;

  final RecordingListener recorded = new RecordingListener();
  final List<QueryEvent> events = recorded.events;
  final List<NPlusOneReport> reports = recorded.reports;
  HotpathDataSource dataSource;
  SessionFactory sessions;

  /** A fresh pool configuration on the database under test. */
  abstract HikariConfig hikari();

  /** Settings the database needs besides the common ones (a schema of its own, say). */
  abstract Map<String, Object> extraSettings();

  /** Called after the session factory closed and dropped its tables. */
  void dropNamespace(HotpathDataSource dataSource) throws Exception {}

  @BeforeEach
  void boot() {
    dataSource = HotpathDataSource.builder().name("orm").hikari(hikari())
        .nPlusOne(NPlusOnePolicy.LOG, 3)
        .listener(recorded)
        .build();
    StandardServiceRegistryBuilder settings = new StandardServiceRegistryBuilder()
        .applySetting("hibernate.connection.datasource", dataSource)
        .applySetting("hibernate.hbm2ddl.auto", "create-drop")
        .applySetting("hibernate.jdbc.batch_size", BATCH_SIZE)
        .applySetting("hibernate.order_inserts", true);
    extraSettings().forEach(settings::applySetting);
    StandardServiceRegistry registry = settings.build();
    sessions = new MetadataSources(registry).addAnnotatedClass(Album.class)
        .addAnnotatedClass(Photo.class).buildMetadata().buildSessionFactory();
  }

  @AfterEach
  void shutDown() throws Exception {
    try {
      if (sessions != null) {
        sessions.close();
      }
      if (dataSource != null) {
        dropNamespace(dataSource);
      }
    } finally {
      if (dataSource != null) {
        dataSource.close();
      }
    }
  }

  @Test
  void bootsWithSchemaGenerationThroughTheWrapper() {
    assertThat(events).anySatisfy(event -> assertThat(event.fingerprint().text())
        .containsIgnoringCase("create table").containsIgnoringCase("hib_album"));
    assertThat(dataSource.instrumentationFailures()).isZero();
  }

  @Test
  void batchesInsertsInGroupsOfTheBatchSize() {
    events.clear();
    sessions.inTransaction(session -> {
      for (int i = 0; i < 45; i++) {
        session.persist(new Album("album " + i, "ann"));
      }
    });
    List<Long> batches = new ArrayList<>();
    for (QueryEvent event : events) {
      if (event.kind() == QueryKind.INSERT && event.fingerprint().text().contains("hib_album")) {
        batches.add(event.rows());
      }
    }
    // One event per executeBatch: 45 rows went in three round trips, not 45.
    assertThat(batches).containsExactly(20L, 20L, 5L);
    Long count = sessions.fromSession(session ->
        session.createSelectionQuery("select count(a) from Album a", Long.class).getSingleResult());
    assertThat(count).isEqualTo(45);
  }

  @Test
  void readsIdentityKeysGeneratedByTheDatabase() {
    Long[] ids = sessions.fromTransaction(session -> {
      Album album = new Album("keys", "ann");
      session.persist(album);
      Photo first = new Photo(album, "first");
      Photo second = new Photo(album, "second");
      session.persist(first);
      session.persist(second);
      return new Long[] {first.getId(), second.getId()};
    });
    assertThat(ids).doesNotContainNull();
    assertThat(ids[1]).isGreaterThan(ids[0]);
    String caption = sessions.fromSession(session -> session.find(Photo.class, ids[1]).getCaption());
    assertThat(caption).isEqualTo("second");
  }

  @Test
  void writesAndReadsLargeObjects() {
    String notes = "notes ".repeat(20_000);
    byte[] cover = new byte[64 * 1024];
    Arrays.fill(cover, (byte) 7);
    cover[0] = 1;
    Long id = sessions.fromTransaction(session -> {
      Album album = new Album("lobs", "ann");
      album.setNotes(notes);
      album.setCover(cover);
      session.persist(album);
      return album.getId();
    });
    sessions.inTransaction(session -> {
      Album album = session.find(Album.class, id);
      assertThat(album.getNotes()).isEqualTo(notes);
      assertThat(album.getCover()).isEqualTo(cover);
    });
  }

  @Test
  void lazyCollectionNPlusOneIsDetectedAndJoinFetchIsNot() {
    sessions.inTransaction(session -> {
      for (int i = 0; i < 6; i++) {
        Album album = new Album("n1 " + i, "ann");
        session.persist(album);
        session.persist(new Photo(album, "a" + i));
        session.persist(new Photo(album, "b" + i));
      }
    });
    int photos;
    try (QueryScope scope = QueryScope.open()) {
      photos = countPhotosLazily();
    }
    assertThat(photos).isEqualTo(12);
    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.fingerprint().text()).contains("hib_photo").contains("album_id");
      assertThat(report.count()).isEqualTo(4);
      // The application's code, not Hibernate's DeferredResultSetAccess or collection loader.
      assertThat(report.callSite().getClassName()).isEqualTo(HibernateContract.class.getName());
      assertThat(report.callSite().getMethodName()).startsWith("lambda$countPhotosLazily");
    });

    reports.clear();
    try (QueryScope scope = QueryScope.open()) {
      photos = countPhotosWithJoinFetch();
      scope.assertSelectCount(1);
    }
    assertThat(photos).isEqualTo(12);
    assertThat(reports).isEmpty();
  }

  int countPhotosLazily() {
    return sessions.fromTransaction(session -> {
      int photos = 0;
      for (Album album : session.createSelectionQuery("from Album a order by a.id", Album.class)
          .getResultList()) {
        photos += album.getPhotos().size();
      }
      return photos;
    });
  }

  private int countPhotosWithJoinFetch() {
    return sessions.fromTransaction(session -> {
      int photos = 0;
      for (Album album : session.createSelectionQuery(
          "select distinct a from Album a join fetch a.photos order by a.id", Album.class)
          .getResultList()) {
        photos += album.getPhotos().size();
      }
      return photos;
    });
  }
}
