package dev.hotpath.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.cache.TieredCache;
import dev.hotpath.core.Check;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.pool.HotpathDataSource;
import dev.hotpath.resilience.Guard;
import dev.hotpath.servlet.TimingFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of DESIGN.md, read from what the build produced: every published block's
 * compiled {@code module-info.class} (from the directory or jar this test's class path loads the
 * block from) and every module's main sources. It lives in the starter because the starter's test
 * class path holds every block.
 *
 * <p>Arrows: core &lt;- metrics &lt;- {cache, pool, resilience, servlet}; no block requires
 * another block. Each module exports only its API packages, never an {@code .internal} one, and
 * has no qualified exports (none is needed today; one would have to be listed in {@link
 * #QUALIFIED_EXPORTS} with its reason). No main source file names another module's {@code
 * .internal} package, except the ones listed in {@link #INTERNAL_USES} with their reason.
 */
class ModuleDescriptorsTest {

  /** A published named module: its name, a class that loads from it, its hotpath arrows, API. */
  private record Published(
      String directory, String name, Class<?> anyApiType, Set<String> hotpathRequires,
      Set<String> exports) {}

  private static final String CORE = "dev.hotpath.core";
  private static final String METRICS = "dev.hotpath.metrics";

  private static final List<Published> MODULES = List.of(
      new Published("core", CORE, Check.class, Set.of(), Set.of(CORE)),
      new Published("metrics", METRICS, MetricId.class, Set.of(CORE),
          Set.of(METRICS, "dev.hotpath.metrics.micrometer")),
      new Published("cache", "dev.hotpath.cache", TieredCache.class, Set.of(CORE, METRICS),
          Set.of("dev.hotpath.cache")),
      new Published("pool", "dev.hotpath.pool", HotpathDataSource.class, Set.of(CORE, METRICS),
          Set.of("dev.hotpath.pool")),
      new Published("resilience", "dev.hotpath.resilience", Guard.class, Set.of(CORE, METRICS),
          Set.of("dev.hotpath.resilience")),
      new Published("servlet-adapter", "dev.hotpath.servlet", TimingFilter.class,
          Set.of(CORE, METRICS), Set.of("dev.hotpath.servlet")));

  /** "module exports package to module" entries allowed, each with its reason. None today. */
  private static final Map<String, String> QUALIFIED_EXPORTS = Map.of();

  /** Every module directory with main sources, for the import check. */
  private static final List<String> ALL_MODULES = List.of(
      "core", "metrics", "cache", "pool", "resilience", "servlet-adapter",
      "spring-boot-starter", "examples", "examples-spring-boot", "jmh-benchmarks");

  /** "file -> foreign internal package" uses allowed, each with its reason. */
  private static final Map<String, String> INTERNAL_USES = Map.of(
      "jmh-benchmarks/src/main/java/dev/hotpath/benchmarks/pool/SqlFingerprintBenchmark.java"
          + " -> dev.hotpath.pool.internal",
      "the benchmark measures pool's BoundedSqlCache on purpose; jmh-benchmarks is not"
          + " published and runs on the class path (ARCHITECTURE.md)");

  private static final Pattern INTERNAL_REFERENCE =
      Pattern.compile("dev\\.hotpath(?:\\.[a-z][a-z0-9_]*)*\\.internal(?:\\.[a-z][a-z0-9_]*)*");

  @Test
  void everyBlockIsANamedModuleThatExportsOnlyItsApiPackages() {
    List<String> faults = new ArrayList<>();
    for (Published module : MODULES) {
      ModuleDescriptor descriptor = descriptorOf(module);
      if (!descriptor.name().equals(module.name()) || descriptor.isAutomatic()) {
        faults.add(module.directory() + " is " + (descriptor.isAutomatic() ? "automatic " : "")
            + "module " + descriptor.name() + ", expected named module " + module.name());
        continue;
      }
      if (descriptor.isOpen() || !descriptor.opens().isEmpty()) {
        faults.add(module.name() + " opens packages: " + descriptor.opens());
      }
      Set<String> unqualified = new TreeSet<>();
      for (ModuleDescriptor.Exports export : descriptor.exports()) {
        if (!export.isQualified()) {
          unqualified.add(export.source());
          if (isInternal(export.source())) {
            faults.add(module.name() + " exports its internal package " + export.source());
          }
        } else {
          for (String target : export.targets()) {
            String entry = module.name() + " exports " + export.source() + " to " + target;
            if (!QUALIFIED_EXPORTS.containsKey(entry)) {
              faults.add(entry + ": a qualified export not listed with its reason");
            }
          }
        }
      }
      if (!unqualified.equals(new TreeSet<>(module.exports()))) {
        faults.add(module.name() + " exports " + unqualified + ", its API is "
            + new TreeSet<>(module.exports()));
      }
      for (String hidden : descriptor.packages()) {
        if (!module.exports().contains(hidden) && !isInternal(hidden)) {
          faults.add(module.name() + " has package " + hidden
              + " that is neither exported API nor .internal");
        }
      }
    }
    assertThat(faults).as("module descriptors").isEmpty();
  }

  @Test
  void requiresFollowTheDesignArrowsAndNoBlockRequiresAnotherBlock() {
    List<String> faults = new ArrayList<>();
    for (Published module : MODULES) {
      ModuleDescriptor descriptor = descriptorOf(module);
      Set<String> hotpath = descriptor.requires().stream()
          .map(ModuleDescriptor.Requires::name)
          .filter(name -> name.startsWith("dev.hotpath."))
          .collect(Collectors.toCollection(TreeSet::new));
      if (!hotpath.equals(new TreeSet<>(module.hotpathRequires()))) {
        faults.add(module.name() + " requires " + hotpath + ", the design arrows allow exactly "
            + new TreeSet<>(module.hotpathRequires()));
      }
    }
    assertThat(faults).as("requires of hotpath modules").isEmpty();
  }

  @Test
  void noMainSourceNamesAnotherModulesInternalPackage() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    Map<String, Set<String>> packagesByModule = new LinkedHashMap<>();
    for (String module : ALL_MODULES) {
      packagesByModule.put(module, packagesOf(root.resolve(module).resolve("src/main/java")));
    }
    assertThat(packagesByModule.get("pool")).as("pool's packages").contains("dev.hotpath.pool.internal");
    List<String> faults = new ArrayList<>();
    for (String module : ALL_MODULES) {
      Path sources = root.resolve(module).resolve("src/main/java");
      for (Path file : javaFiles(sources)) {
        Matcher reference = INTERNAL_REFERENCE.matcher(Files.readString(file));
        Set<String> foreign = new TreeSet<>();
        while (reference.find()) {
          String pkg = reference.group();
          if (!packagesByModule.get(module).contains(pkg)) {
            foreign.add(pkg);
          }
        }
        for (String pkg : foreign) {
          String use = root.relativize(file).toString().replace('\\', '/') + " -> " + pkg;
          if (!INTERNAL_USES.containsKey(use)) {
            faults.add(use);
          }
        }
      }
    }
    assertThat(faults).as("main sources naming another module's internal package").isEmpty();
  }

  private static boolean isInternal(String pkg) {
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }

  /** The descriptor of the directory or jar the class path loads the module's API type from. */
  private static ModuleDescriptor descriptorOf(Published module) {
    Path location;
    try {
      location = Path.of(module.anyApiType().getProtectionDomain().getCodeSource().getLocation()
          .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Set<ModuleReference> found = ModuleFinder.of(location).findAll();
    assertThat(found).as("modules at " + location).hasSize(1);
    return found.iterator().next().descriptor();
  }

  private static Set<String> packagesOf(Path sources) throws IOException {
    Set<String> packages = new TreeSet<>();
    for (Path file : javaFiles(sources)) {
      Path parent = sources.relativize(file).getParent();
      if (parent != null) {
        packages.add(parent.toString().replace(java.io.File.separatorChar, '.'));
      }
    }
    return packages;
  }

  private static List<Path> javaFiles(Path sources) throws IOException {
    if (!Files.isDirectory(sources)) {
      throw new UncheckedIOException(new IOException("no main sources at " + sources));
    }
    try (Stream<Path> files = Files.walk(sources)) {
      return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    }
  }
}
