package dev.hotpath.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class UnitOfWorkTest {
  private static final UnitOfWork.Key<StringBuilder> LOG = UnitOfWork.Key.of("log");

  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  @AfterEach
  void cleanUp() {
    worker.shutdownNow();
    // A failed test must not leave a unit current for the next one on this thread.
    UnitOfWork.current().ifPresent(unit -> unit.root().close());
  }

  @Test
  void beginMakesTheUnitCurrentAndCloseClearsIt() {
    assertThat(UnitOfWork.current()).isEmpty();
    try (UnitOfWork unit = UnitOfWork.begin("GET /photos")) {
      assertThat(UnitOfWork.current()).containsSame(unit);
      assertThat(unit.name()).isEqualTo("GET /photos");
      assertThat(unit.parent()).isEmpty();
      assertThat(unit.root()).isSameAs(unit);
      assertThat(unit.isClosed()).isFalse();
    }
    assertThat(UnitOfWork.current()).isEmpty();
  }

  @Test
  void nestedBeginCreatesAChildAndCloseRestoresTheParent() {
    try (UnitOfWork outer = UnitOfWork.begin("request")) {
      try (UnitOfWork inner = UnitOfWork.begin("load photos")) {
        assertThat(UnitOfWork.current()).containsSame(inner);
        assertThat(inner.parent()).containsSame(outer);
        assertThat(inner.root()).isSameAs(outer);
      }
      assertThat(UnitOfWork.current()).containsSame(outer);
    }
    assertThat(UnitOfWork.current()).isEmpty();
  }

  @Test
  void closingAnOuterUnitFirstClosesTheInnerUnitsLeftOpen() {
    UnitOfWork outer = UnitOfWork.begin("request");
    UnitOfWork middle = UnitOfWork.begin("service");
    UnitOfWork inner = UnitOfWork.begin("query");

    middle.close();

    assertThat(inner.isClosed()).isTrue();
    assertThat(middle.isClosed()).isTrue();
    assertThat(outer.isClosed()).isFalse();
    assertThat(UnitOfWork.current()).containsSame(outer);

    inner.close(); // late close of an already closed inner unit changes nothing
    assertThat(UnitOfWork.current()).containsSame(outer);
    outer.close();
    assertThat(UnitOfWork.current()).isEmpty();
  }

  @Test
  void closeIsIdempotentAndFreezesElapsed() {
    UnitOfWork unit = UnitOfWork.begin("once");
    UnitOfWork.begin("sibling-to-be").close();

    unit.close();
    Duration frozen = unit.elapsed();
    unit.close();

    assertThat(unit.isClosed()).isTrue();
    assertThat(unit.elapsed()).isEqualTo(frozen);
    assertThat(frozen.isNegative()).isFalse();
    assertThat(UnitOfWork.current()).isEmpty();
  }

  @Test
  void closingAnInnerUnitTwiceDoesNotCloseItsParent() {
    try (UnitOfWork outer = UnitOfWork.begin("outer")) {
      UnitOfWork inner = UnitOfWork.begin("inner");
      inner.close();
      inner.close();
      assertThat(outer.isClosed()).isFalse();
      assertThat(UnitOfWork.current()).containsSame(outer);
    }
  }

  @Test
  void aUnitClosedFromAnotherThreadStaysCurrentOnItsOwnUntilClosedThere() throws Exception {
    UnitOfWork outer = UnitOfWork.begin("outer");
    UnitOfWork inner = UnitOfWork.begin("inner");

    worker.submit(inner::close).get();

    assertThat(inner.isClosed()).isTrue();
    assertThat(UnitOfWork.current()).containsSame(inner);
    inner.close();
    assertThat(UnitOfWork.current()).containsSame(outer);
    outer.close();
    assertThat(UnitOfWork.current()).isEmpty();
  }

  @Test
  void aWrappedTaskSeesItsUnitEvenIfTheUnitClosedBeforeTheTaskRan() throws Exception {
    Callable<String> task;
    try (UnitOfWork request = UnitOfWork.begin("request")) {
      task =
          UnitOfWork.wrap(
              () -> {
                UnitOfWork carried = UnitOfWork.current().orElseThrow();
                try (UnitOfWork child = UnitOfWork.begin("after the request")) {
                  assertThat(child.isClosed()).isFalse();
                }
                assertThat(UnitOfWork.current()).containsSame(carried);
                return carried.name() + (carried.isClosed() ? " (closed)" : "");
              });
    }

    assertThat(worker.submit(task).get()).isEqualTo("request (closed)");
  }

  @Test
  void namesAreValidated() {
    assertThatThrownBy(() -> UnitOfWork.begin(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("unit of work name must not be null");
    assertThatThrownBy(() -> UnitOfWork.begin(" \t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unit of work name must not be blank, was \" \t\"");
    assertThatThrownBy(() -> UnitOfWork.Key.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attachment key name must not be blank, was \"\"");
    assertThatThrownBy(() -> UnitOfWork.Key.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("attachment key name must not be null");
    assertThat(UnitOfWork.current()).isEmpty();
  }

  @Test
  void renameTakesEffectForEveryLaterReaderAndIsValidated() throws Exception {
    try (UnitOfWork unit = UnitOfWork.begin("GET /")) {
      ExecutorService worker = Executors.newSingleThreadExecutor();
      try {
        unit.rename("GET /photos/{id}");
        assertThat(unit.name()).isEqualTo("GET /photos/{id}");
        assertThat(worker.submit(UnitOfWork.wrap(() -> UnitOfWork.current().orElseThrow().name())).get())
            .isEqualTo("GET /photos/{id}");
      } finally {
        worker.shutdown();
      }
      assertThatThrownBy(() -> unit.rename(" "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unit of work name must not be blank, was \" \"");
      assertThat(unit.name()).isEqualTo("GET /photos/{id}");
    }
  }

  @Test
  void attachmentsAreTypedAndKeyedByIdentity() {
    UnitOfWork.Key<Integer> count = UnitOfWork.Key.of("count");
    UnitOfWork.Key<Integer> sameName = UnitOfWork.Key.of("count");
    try (UnitOfWork unit = UnitOfWork.begin("r")) {
      assertThat(unit.attachment(count)).isEmpty();
      unit.attach(count, 3);
      assertThat(unit.attachment(count)).contains(3);
      assertThat(unit.attachment(sameName)).isEmpty();
      unit.attach(count, 4);
      assertThat(unit.attachment(count)).contains(4);
      assertThat(count.name()).isEqualTo("count");
    }
  }

  @Test
  void attachmentGetOrCreateReturnsTheExistingValue() {
    try (UnitOfWork unit = UnitOfWork.begin("r")) {
      StringBuilder first = unit.attachment(LOG, StringBuilder::new);
      StringBuilder second = unit.attachment(LOG, () -> new StringBuilder("other"));
      assertThat(second).isSameAs(first);
    }
  }

  @Test
  void attachmentGetOrCreateFromManyThreadsYieldsOneInstance() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger created = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(threads);
    try (UnitOfWork unit = UnitOfWork.begin("r")) {
      List<Future<StringBuilder>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return unit.attachment(
                      LOG,
                      () -> {
                        created.incrementAndGet();
                        return new StringBuilder();
                      });
                }));
      }
      StringBuilder winner = results.get(0).get();
      for (Future<StringBuilder> result : results) {
        assertThat(result.get()).isSameAs(winner);
      }
      assertThat(created).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nullAttachmentArgumentsAreRejectedNamingThem() {
    try (UnitOfWork unit = UnitOfWork.begin("r")) {
      assertThatThrownBy(() -> unit.attach(LOG, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("value of attachment log must not be null");
      assertThatThrownBy(() -> unit.attach(null, new StringBuilder()))
          .hasMessage("key must not be null");
      assertThatThrownBy(() -> unit.attachment(LOG, () -> null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("ifAbsent returned null for attachment log");
      assertThat(unit.attachment(LOG)).isEmpty();
    }
  }

  @Test
  void wrappedRunnableCarriesTheUnitAndRestoresTheWorkersPrevious() throws Exception {
    UnitOfWork workerOwn = worker.submit(() -> UnitOfWork.begin("worker's own")).get();
    AtomicReference<Optional<UnitOfWork>> seen = new AtomicReference<>();
    Runnable wrapped;
    try (UnitOfWork request = UnitOfWork.begin("request")) {
      wrapped = UnitOfWork.wrap(() -> seen.set(UnitOfWork.current()));
      worker.submit(wrapped).get();
      assertThat(seen.get()).containsSame(request);
    }
    assertThat(worker.submit(UnitOfWork::current).get()).containsSame(workerOwn);
  }

  @Test
  void wrappedCallableCarriesTheUnitAndReturnsTheResult() throws Exception {
    try (UnitOfWork request = UnitOfWork.begin("request")) {
      Callable<String> wrapped = UnitOfWork.wrap(() -> UnitOfWork.current().orElseThrow().name());
      assertThat(worker.submit(wrapped).get()).isEqualTo("request");
    }
    assertThat(worker.submit(UnitOfWork::current).get()).isEmpty();
  }

  @Test
  void wrappedTaskRestoresThePreviousUnitEvenWhenItThrows() throws Exception {
    UnitOfWork workerOwn = worker.submit(() -> UnitOfWork.begin("worker's own")).get();
    Callable<String> failing;
    try (UnitOfWork request = UnitOfWork.begin("request")) {
      failing =
          UnitOfWork.wrap(
              () -> {
                UnitOfWork.begin("left open by the task");
                throw new IllegalStateException("boom");
              });
    }
    assertThatThrownBy(() -> worker.submit(failing).get()).hasRootCauseMessage("boom");
    assertThat(worker.submit(UnitOfWork::current).get()).containsSame(workerOwn);
  }

  @Test
  void wrappingWithoutACurrentUnitRunsTheTaskWithoutOne() throws Exception {
    worker.submit(() -> UnitOfWork.begin("worker's own")).get();
    Callable<Optional<UnitOfWork>> wrapped = UnitOfWork.wrap(UnitOfWork::current);

    assertThat(worker.submit(wrapped).get()).isEmpty();
  }

  @Test
  void wrappedExecutorCarriesTheSubmittersUnitIntoEachTask() throws Exception {
    Executor carrying = UnitOfWork.wrap(worker);
    AtomicReference<String> seen = new AtomicReference<>();
    try (UnitOfWork request = UnitOfWork.begin("request")) {
      java.util.concurrent.CompletableFuture.runAsync(
              () -> seen.set(UnitOfWork.current().map(UnitOfWork::name).orElse("none")), carrying)
          .get();
    }
    assertThat(seen.get()).isEqualTo("request");
    assertThat(worker.submit(UnitOfWork::current).get()).isEmpty();
  }

  @Test
  void childrenBegunInsideAWrappedTaskHaveTheCarriedParent() throws Exception {
    try (UnitOfWork request = UnitOfWork.begin("request")) {
      Callable<Optional<UnitOfWork>> task =
          UnitOfWork.wrap(
              () -> {
                try (UnitOfWork child = UnitOfWork.begin("async part")) {
                  return child.parent();
                }
              });
      assertThat(worker.submit(task).get()).containsSame(request);
    }
  }

  @Test
  void wrapRejectsNullNamingTheArgument() {
    assertThatThrownBy(() -> UnitOfWork.wrap((Runnable) null)).hasMessage("task must not be null");
    assertThatThrownBy(() -> UnitOfWork.wrap((Callable<?>) null))
        .hasMessage("task must not be null");
    assertThatThrownBy(() -> UnitOfWork.wrap((Executor) null))
        .hasMessage("executor must not be null");
  }

  @Test
  void currentOrNullIsTheCurrentUnitOrNull() {
    assertThat(UnitOfWork.currentOrNull()).isNull();
    try (UnitOfWork unit = UnitOfWork.begin("GET /photos")) {
      assertThat(UnitOfWork.currentOrNull()).isSameAs(unit);
    }
    assertThat(UnitOfWork.currentOrNull()).isNull();
  }

  @Test
  void attachmentOrNullIsTheAttachmentOrNull() {
    try (UnitOfWork unit = UnitOfWork.begin("GET /photos")) {
      assertThat(unit.attachmentOrNull(LOG)).isNull();
      StringBuilder log = new StringBuilder();
      unit.attach(LOG, log);
      assertThat(unit.attachmentOrNull(LOG)).isSameAs(log);
      assertThatThrownBy(() -> unit.attachmentOrNull(null))
          .isInstanceOf(NullPointerException.class).hasMessageContaining("key");
    }
  }

  @Test
  void readingAPresentAttachmentThroughItsFactoryAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    try (UnitOfWork unit = UnitOfWork.begin("GET /photos")) {
      StringBuilder log = unit.attachment(LOG, StringBuilder::new);
      int rounds = 10_000;
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < rounds; i++) {
        if (unit.attachment(LOG, StringBuilder::new) != log) {
          throw new AssertionError("a different attachment on round " + i);
        }
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      // Pool's N+1 detector is read this way on every SELECT of a request: less than a byte a
      // round (the counter's own reads may cost a few bytes in all).
      assertThat(allocated).as("bytes allocated over %d reads", rounds).isLessThan(rounds);
    }
  }

  @Test
  void aLocalUnitNestsInTheChainButIsNeverCurrentParentRootOrCarried() throws Exception {
    try (UnitOfWork request = UnitOfWork.begin("GET /photos");
         UnitOfWork local = UnitOfWork.beginLocal("query scope");
         UnitOfWork child = UnitOfWork.begin("load tags")) {
      assertThat(local.isLocal()).isTrue();
      assertThat(local.unitOrNull()).isSameAs(request);
      assertThat(child.parent()).containsSame(request);
      assertThat(child.root()).isSameAs(request);
      assertThat(UnitOfWork.current()).containsSame(child);
      assertThat(UnitOfWork.innermostOrNull()).isSameAs(child);
      assertThat(child.localOrNull()).isSameAs(local);
      // Carried to another thread: the request is, the local unit is not.
      assertThat(worker.submit(UnitOfWork.wrap(() -> {
        UnitOfWork carried = UnitOfWork.innermostOrNull();
        return carried == child && carried.localOrNull() == null;
      })).get()).isTrue();
    }
    assertThat(UnitOfWork.innermostOrNull()).isNull();
  }

  @Test
  void localUnitsOutsideAnyUnitAreTheirOwnRootAndNestOutwards() {
    try (UnitOfWork outer = UnitOfWork.beginLocal("outer")) {
      assertThat(UnitOfWork.current()).isEmpty();
      assertThat(outer.unitOrNull()).isNull();
      assertThat(outer.root()).isSameAs(outer);
      try (UnitOfWork inner = UnitOfWork.beginLocal("inner")) {
        assertThat(UnitOfWork.innermostOrNull().localOrNull()).isSameAs(inner);
        assertThat(inner.outerLocalOrNull()).isSameAs(outer);
        assertThat(outer.outerLocalOrNull()).isNull();
      }
      assertThat(UnitOfWork.innermostOrNull()).isSameAs(outer);
    }
  }

  @Test
  void closingAUnitFirstClosesTheLocalUnitsBegunInsideIt() {
    UnitOfWork request = UnitOfWork.begin("GET /photos");
    UnitOfWork local = UnitOfWork.beginLocal("query scope");
    request.close();
    assertThat(local.isClosed()).isTrue();
    assertThat(UnitOfWork.innermostOrNull()).isNull();
    local.close();
    assertThat(UnitOfWork.innermostOrNull()).isNull();
  }
}
