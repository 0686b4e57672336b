/**
 * hotpath's measured JDBC: {@code HotpathDataSource} over HikariCP or any {@code DataSource},
 * statement metrics, slow-query log, N+1 detection, query scopes, batch loading and keyset
 * pagination. The JDBC wrappers (hand-written and generated) live in {@code
 * dev.hotpath.pool.internal}, which is not exported.
 */
module dev.hotpath.pool {
  requires transitive dev.hotpath.core;
  requires transitive dev.hotpath.metrics;
  requires transitive java.sql;
  requires transitive com.zaxxer.hikari;
  requires org.slf4j;

  exports dev.hotpath.pool;
}
