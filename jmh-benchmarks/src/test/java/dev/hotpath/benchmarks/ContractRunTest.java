package dev.hotpath.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.benchmarks.cache.InvalidateTagBenchmark;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.options.Options;

/** The contract runner's own rules, checked without running a benchmark. */
class ContractRunTest {

  private static final ContractRun.Score ANY = new ContractRun.Score(1, 0, "ns/op", 0);

  @Test
  void theInvalidateTagBudgetFindsTheScoresUnderTheBenchmarksParameterName() {
    Field param = null;
    for (Field field : InvalidateTagBenchmark.class.getDeclaredFields()) {
      if (field.isAnnotationPresent(Param.class)) {
        param = field;
      }
    }
    assertThat(param).as("InvalidateTagBenchmark's @Param field").isNotNull();
    Map<String, ContractRun.Score> scores = new HashMap<>();
    scores.put("tieredTtl", ANY);
    scores.put("caffeineTtl", ANY);
    for (String value : param.getAnnotation(Param.class).value()) {
      // The name ContractRun.run gives a parameterised result.
      scores.put("invalidateTag[" + param.getName() + "=" + value + "]", ANY);
    }
    ContractRun.Group cacheL1 = ContractRun.GROUPS.stream()
        .filter(g -> g.name().equals("cache-l1")).findFirst().orElseThrow();

    for (ContractRun.Budget budget : cacheL1.budgets()) {
      assertThat(budget.verdict().apply(scores).met()).as(budget.block()).isTrue();
    }
  }

  @Test
  void smokeSettingsForkEveryBenchmarkSoOnesStateCannotBreakTheNext() {
    // In the host VM (-f 0) the H2 benchmarks' shared in-memory database outlived the first one.
    Options smoke = ContractRun.options(ContractRun.GROUPS.get(0), true);

    assertThat(smoke.getForkCount().get()).isEqualTo(1);
    assertThat(smoke.getMeasurementIterations().get()).isEqualTo(1);
    assertThat(smoke.getWarmupIterations().get()).isEqualTo(1);
  }

  @Test
  void aSmokeRunRefusesToWriteTheReadme() {
    assertThatThrownBy(() -> ContractRun.main(new String[] {"--smoke", "--readme", "README.md"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--smoke");
  }
}
