import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Wrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Writes the one-line JDBC delegates of hotpath-pool's wrappers as readable Java sources, at
 * build time. pool/pom.xml compiles this file in {@code generate-sources} and runs it as an
 * annotation processor of pool's main compile (option {@code -AjdbcParameterNames=<table>}), which
 * compiles the sources it writes to {@code target/generated-sources/annotations} together with the
 * hand-written classes: the compiler plugin is the one plugin that runs code without resolving
 * test dependencies, so {@code -pl pool -am compile} keeps working.
 *
 * <p>For each wrapper it reflects over the JDBC interface and writes an abstract
 * {@code Delegating*} class: every method the hand-written {@code Instrumented*} subclass adds
 * behaviour to is declared abstract there (so forgetting one is a compile error, never a silent
 * JDBC default), every other method forwards to the driver's object. Two mechanical rules are
 * applied while forwarding, each calling a hook the hand-written class implements (declared
 * abstract in the generated class): a JDBC object the driver returns (a statement from a
 * connection, a result set from a statement or from metadata) goes through the spec's wrapping
 * hook, and a prepared statement's {@code set*(parameterIndex, value)} tells {@code parameterSet}
 * (values are kept only for a slow-query log that may show them). {@code unwrap} and
 * {@code isWrapperFor} answer through the hand-written {@code Unwrapping}, for the driver's object.
 *
 * <p>Class files carry no parameter names for the JDK, so the names come from a checked-in table
 * derived from the JDK 17 sources; it also fixes the API to JDBC as of Java 17, so that the output
 * is the same on any newer build JDK. To regenerate the table (see pool/README.md):
 *
 * <pre>
 * unzip -q $JAVA17_HOME/lib/src.zip 'java.sql/java/sql/*' -d /tmp/jdbc-src
 * javac -nowarn -parameters --patch-module java.sql=/tmp/jdbc-src/java.sql -d /tmp/jdbc-classes \
 *     /tmp/jdbc-src/java.sql/java/sql/*.java
 * java --patch-module java.sql=/tmp/jdbc-classes pool/src/build/java/JdbcDelegates.java names \
 *     &gt; pool/src/build/jdbc-parameter-names.txt
 * </pre>
 */
public final class JdbcDelegates extends AbstractProcessor {

  private static final String PACKAGE = "dev.hotpath.pool.internal";

  /**
   * What is generated for one JDBC interface.
   *
   * @param returnWrappers by returned type, the hook call a returned object goes through, with
   *     {@code %s} for the driver call (evaluated after the hook's other arguments)
   * @param hooks the abstract declarations of those hooks, with their comments
   */
  private record Spec(Class<?> jdbc, String superclass, String field, List<String> superParameters,
      Set<String> handWritten, Map<Class<?>, String> returnWrappers, List<String> hooks,
      boolean recordsParameters) {

    String name() {
      return "Delegating" + jdbc.getSimpleName();
    }

    String subclass() {
      return "Instrumented" + jdbc.getSimpleName();
    }
  }

  // The interfaces whose every method a table entry names, Wrapper for unwrap/isWrapperFor.
  private static final List<Class<?>> NAMED =
      List.of(Wrapper.class, Connection.class, Statement.class, PreparedStatement.class,
          CallableStatement.class, ResultSet.class, DatabaseMetaData.class);

  private static final Map<Class<?>, String> WRAP_RESULT_SETS = Map.of(ResultSet.class, "wrap(%s)");
  private static final String WRAP_HOOK = """
        /** Wraps a result set the driver returned; null stays null. */
        abstract ResultSet wrap(ResultSet resultSet);
      """;

  // Methods named here (all overloads) are what the Instrumented* class adds behaviour to.
  private static final List<Spec> SPECS = List.of(
      new Spec(Connection.class, null, "delegate", List.of(),
          Set.of(),
          Map.of(Statement.class, "statement(%s)",
              // The shape first: resolved before the driver creates the statement, so nothing of
              // hotpath's can fail after it and leak it.
              PreparedStatement.class, "prepared(shape(sql), %s)",
              CallableStatement.class, "callable(shape(sql), %s)",
              DatabaseMetaData.class, "metaData(%s)"),
          List.of("""
                /** Resolves the shape of a statement about to be prepared. */
                abstract StatementShape shape(String sql);
              """, """
                /** Wraps a statement the driver created. */
                abstract Statement statement(Statement statement);
              """, """
                /** Wraps a prepared statement the driver created. */
                abstract PreparedStatement prepared(StatementShape shape, PreparedStatement statement);
              """, """
                /** Wraps a callable statement the driver created. */
                abstract CallableStatement callable(StatementShape shape, CallableStatement statement);
              """, """
                /** Wraps the driver's metadata. */
                abstract DatabaseMetaData metaData(DatabaseMetaData metaData);
              """), false),
      new Spec(Statement.class, null, "delegate", List.of(),
          Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch",
              "executeLargeBatch", "addBatch", "clearBatch", "getConnection"),
          WRAP_RESULT_SETS, List.of(WRAP_HOOK), false),
      new Spec(PreparedStatement.class, "InstrumentedStatement", "prepared",
          List.of("InstrumentedConnection connection"),
          Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
              "clearParameters"), Map.of(), List.of(), true),
      new Spec(CallableStatement.class, "InstrumentedPreparedStatement", "callable",
          List.of("InstrumentedConnection connection", "StatementShape shape"), Set.of(), Map.of(),
          List.of(), false),
      new Spec(ResultSet.class, null, "delegate", List.of(),
          Set.of("getStatement"), Map.of(), List.of(), false),
      new Spec(DatabaseMetaData.class, null, "delegate", List.of(),
          Set.of("getConnection"), WRAP_RESULT_SETS, List.of(WRAP_HOOK),
          false));

  private static final String NAMES_OPTION = "jdbcParameterNames";

  private boolean generated;

  /** Created by javac, as an annotation processor. */
  public JdbcDelegates() {}

  /**
   * Prints the parameter-name table (see the class comment for how to run it).
   *
   * @param args {@code names}
   */
  public static void main(String[] args) {
    if (args.length != 1 || !args[0].equals("names")) {
      throw new IllegalArgumentException("usage: JdbcDelegates names, was " + Arrays.toString(args));
    }
    printNames(System.out);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*"); // run whatever the sources hold: the output depends on java.sql alone
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(NAMES_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (generated) {
      return false;
    }
    generated = true;
    try {
      Map<String, List<String>> names =
          readNames(Path.of(processingEnv.getOptions().get(NAMES_OPTION)));
      for (Spec spec : SPECS) {
        write(spec.name(), generate(spec, names));
      }
    } catch (IOException | RuntimeException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "generating the JDBC delegates failed: " + e);
    }
    return false;
  }

  // Written on every run: the sources belong to the compilation that runs this processor.
  private void write(String simpleName, String source) throws IOException {
    try (Writer writer = processingEnv.getFiler()
        .createSourceFile(PACKAGE + "." + simpleName).openWriter()) {
      writer.write(source);
    }
  }

  // ---- the parameter-name table ----

  private static String key(Method method) {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
        + Arrays.stream(method.getParameterTypes()).map(Class::getTypeName)
            .collect(Collectors.joining(",")) + ")";
  }

  private static void printNames(PrintStream out) {
    out.println("# Parameter names of the java.sql interfaces hotpath-pool wraps, from the JDK 17");
    out.println("# sources; regenerate as pool/src/build/java/JdbcDelegates.java describes.");
    out.println("# <interface>.<method>(<parameter types>) <parameter names>");
    TreeSet<String> lines = new TreeSet<>();
    for (Class<?> jdbc : NAMED) {
      for (Method method : jdbc.getDeclaredMethods()) {
        if (Modifier.isStatic(method.getModifiers()) || method.isSynthetic()) {
          continue;
        }
        StringBuilder line = new StringBuilder(key(method));
        for (Parameter parameter : method.getParameters()) {
          if (!parameter.isNamePresent()) {
            throw new IllegalStateException("no parameter names in " + jdbc
                + ": run under --patch-module java.sql=<classes compiled with -parameters>");
          }
          line.append(' ').append(parameter.getName());
        }
        lines.add(line.toString());
      }
    }
    lines.forEach(out::println);
  }

  private static Map<String, List<String>> readNames(Path table) throws IOException {
    Map<String, List<String>> names = new LinkedHashMap<>();
    for (String line : Files.readAllLines(table, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.trim().split(" ");
      names.put(words[0], List.of(words).subList(1, words.length));
    }
    return names;
  }

  // ---- the sources ----

  /** The methods a spec's class implements: all of the interface's, or only those it adds. */
  private static List<Method> methods(Spec spec, Map<String, List<String>> names) {
    Map<String, Method> bySignature = new TreeMap<>();
    List<Method> candidates = new ArrayList<>();
    if (spec.superclass() == null) {
      candidates.addAll(Arrays.asList(spec.jdbc().getMethods()));
    } else {
      Set<String> inherited = new TreeSet<>();
      for (Class<?> parent : spec.jdbc().getInterfaces()) {
        for (Method method : parent.getMethods()) {
          inherited.add(signature(method));
        }
      }
      for (Method method : spec.jdbc().getDeclaredMethods()) {
        if (!inherited.contains(signature(method))) {
          candidates.add(method);
        }
      }
    }
    for (Method method : candidates) {
      if (Modifier.isStatic(method.getModifiers()) || method.isSynthetic()) {
        continue;
      }
      // JDBC as of Java 17: a method a newer build JDK added is not in the table, and skipped.
      if (method.getParameterCount() > 0 && !names.containsKey(key(method))) {
        continue;
      }
      Method known = bySignature.get(signature(method));
      // AutoCloseable.close() and its redeclarations: keep the most specific one.
      if (known == null || known.getDeclaringClass().isAssignableFrom(method.getDeclaringClass())) {
        bySignature.put(signature(method), method);
      }
    }
    List<Method> methods = new ArrayList<>(bySignature.values());
    methods.sort(Comparator.comparing(Method::getName).thenComparing(JdbcDelegates::signature));
    return methods;
  }

  private static String signature(Method method) {
    return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getTypeName)
        .collect(Collectors.joining(",", "(", ")"));
  }

  private static String generate(Spec spec, Map<String, List<String>> names) {
    Imports imports = new Imports();
    imports.use(spec.jdbc());
    StringBuilder body = new StringBuilder();
    String jdbc = spec.jdbc().getSimpleName();
    if (spec.superclass() == null) {
      body.append("  final ").append(jdbc).append(' ').append(spec.field()).append(";\n\n");
    }
    List<String> parameters = new ArrayList<>();
    parameters.add(jdbc + " " + spec.field());
    parameters.addAll(spec.superParameters());
    body.append("  ").append(spec.name()).append('(').append(String.join(", ", parameters))
        .append(") {\n");
    if (spec.superclass() != null) {
      List<String> arguments = new ArrayList<>();
      for (String parameter : parameters) {
        arguments.add(parameter.substring(parameter.lastIndexOf(' ') + 1));
      }
      body.append("    super(").append(String.join(", ", arguments)).append(");\n");
      body.append("  }\n");
      // The superclass's delegate, typed: a field of its own would add 4 bytes to every wrapper
      // of this kind (WrapperLayoutTest), the cast costs a class compare the JIT folds.
      body.append("\n  /** The driver's ").append(jdbc).append(": the wrapped {@code delegate}. */\n")
          .append("  final ").append(jdbc).append(' ').append(spec.field()).append("() {\n")
          .append("    return (").append(jdbc).append(") delegate;\n")
          .append("  }\n");
    } else {
      body.append("    this.").append(spec.field()).append(" = ").append(spec.field()).append(";\n");
      body.append("  }\n");
    }
    // Sorted, so that the output does not depend on a map's iteration order.
    spec.returnWrappers().keySet().stream().sorted(Comparator.comparing(Class::getName))
        .forEach(imports::use);
    for (String hook : spec.hooks()) {
      body.append('\n');
      hook.strip().lines().forEach(line -> body.append("  ").append(line.strip()).append('\n'));
    }
    if (spec.recordsParameters()) {
      body.append("\n  /** Whether parameter values are kept (for a slow-query log allowed to show"
              + " them). */\n")
          .append("  abstract boolean keepsParameterValues();\n")
          .append("\n  /** Remembers the value bound to a parameter, when values are kept. */\n")
          .append("  abstract void parameterSet(int parameterIndex, Object value);\n");
    }
    for (Method method : methods(spec, names)) {
      body.append('\n');
      appendMethod(body, spec, method, names, imports);
    }
    StringBuilder source = new StringBuilder();
    source.append("// Generated by pool/src/build/java/JdbcDelegates.java at build time; do not edit.\n")
        .append("package ").append(PACKAGE).append(";\n\n");
    imports.appendTo(source);
    source.append("/**\n")
        .append(" * The part of {@link ").append(spec.subclass()).append("} that only forwards to the ")
        .append("driver's {@link ").append(jdbc).append("}.\n")
        .append(" * The methods declared abstract here are the ones hotpath adds behaviour to; ")
        .append("they are\n * implemented by the hand-written subclass.\n */\n")
        .append("public abstract class ").append(spec.name())
        .append(spec.superclass() == null ? "" : " extends " + spec.superclass())
        .append(" implements ").append(jdbc).append(" {\n\n")
        .append(body).append("}\n");
    return source.toString();
  }

  private static void appendMethod(StringBuilder out, Spec spec, Method method,
      Map<String, List<String>> names, Imports imports) {
    List<String> parameterNames = method.getParameterCount() == 0 ? List.of()
        : names.get(key(method));
    if (parameterNames.size() != method.getParameterCount()) {
      throw new IllegalStateException("names of " + key(method) + ": " + parameterNames);
    }
    boolean deprecated = method.isAnnotationPresent(Deprecated.class);
    if (deprecated) {
      out.append("  @Deprecated\n  @SuppressWarnings(\"deprecation\")\n");
    }
    out.append("  @Override\n  public ");
    boolean abstractHere = spec.handWritten().contains(method.getName());
    if (abstractHere) {
      out.append("abstract ");
    }
    TypeVariable<Method>[] typeParameters = method.getTypeParameters();
    if (typeParameters.length > 0) {
      out.append(Arrays.stream(typeParameters).map(t -> typeParameter(t, imports))
          .collect(Collectors.joining(", ", "<", "> ")));
    }
    out.append(type(method.getGenericReturnType(), imports)).append(' ').append(method.getName())
        .append('(');
    Type[] types = method.getGenericParameterTypes();
    for (int i = 0; i < types.length; i++) {
      out.append(i == 0 ? "" : ", ").append(type(types[i], imports)).append(' ')
          .append(parameterNames.get(i));
    }
    out.append(')');
    Class<?>[] exceptions = method.getExceptionTypes();
    if (exceptions.length > 0) {
      out.append(" throws ").append(Arrays.stream(exceptions).map(e -> type(e, imports))
          .collect(Collectors.joining(", ")));
    }
    if (abstractHere) {
      out.append(";\n");
      return;
    }
    out.append(" {\n");
    if (spec.recordsParameters() && method.getName().startsWith("set") && types.length >= 2
        && types[0] == int.class) {
      String index = parameterNames.get(0);
      if (method.getName().equals("setNull")) {
        out.append("    parameterSet(").append(index).append(", null);\n");
      } else if (method.getParameterTypes()[1].isPrimitive()) {
        // Tested first so that, with values not kept (the default), nothing is boxed.
        out.append("    if (keepsParameterValues()) {\n      parameterSet(").append(index)
            .append(", ").append(parameterNames.get(1)).append(");\n    }\n");
      } else {
        out.append("    parameterSet(").append(index).append(", ").append(parameterNames.get(1))
            .append(");\n");
      }
    }
    String target = spec.superclass() == null ? spec.field() : spec.field() + "()";
    String call = target + "." + method.getName() + "(" + String.join(", ", parameterNames)
        + ")";
    if (method.getDeclaringClass() == Wrapper.class) {
      out.append("    return Unwrapping.").append(method.getName()).append('(').append(target)
          .append(", ").append(String.join(", ", parameterNames)).append(");\n");
    } else if (method.getReturnType() == void.class) {
      out.append("    ").append(call).append(";\n");
    } else if (spec.returnWrappers().containsKey(method.getReturnType())) {
      out.append("    return ")
          .append(spec.returnWrappers().get(method.getReturnType()).replace("%s", call))
          .append(";\n");
    } else {
      out.append("    return ").append(call).append(";\n");
    }
    out.append("  }\n");
  }

  private static String typeParameter(TypeVariable<?> variable, Imports imports) {
    List<Type> bounds = Arrays.stream(variable.getBounds()).filter(b -> b != Object.class).toList();
    return bounds.isEmpty() ? variable.getName() : variable.getName() + " extends "
        + bounds.stream().map(b -> type(b, imports)).collect(Collectors.joining(" & "));
  }

  private static String type(Type type, Imports imports) {
    if (type instanceof Class<?> c) {
      return c.isArray() ? type(c.getComponentType(), imports) + "[]" : imports.use(c);
    }
    if (type instanceof ParameterizedType p) {
      return type(p.getRawType(), imports) + Arrays.stream(p.getActualTypeArguments())
          .map(a -> type(a, imports)).collect(Collectors.joining(", ", "<", ">"));
    }
    if (type instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + type(w.getLowerBounds()[0], imports);
      }
      Type upper = w.getUpperBounds()[0];
      return upper == Object.class ? "?" : "? extends " + type(upper, imports);
    }
    if (type instanceof GenericArrayType a) {
      return type(a.getGenericComponentType(), imports) + "[]";
    }
    if (type instanceof TypeVariable<?> v) {
      return v.getName();
    }
    throw new IllegalArgumentException("unexpected type " + type);
  }

  /** The imports of one source: simple names where unambiguous, java.sql first. */
  private static final class Imports {
    private final Map<String, Class<?>> bySimpleName = new TreeMap<>();

    String use(Class<?> type) {
      if (type.isPrimitive()) {
        return type.getName();
      }
      Class<?> known = bySimpleName.get(type.getSimpleName());
      if (known == null) {
        bySimpleName.put(type.getSimpleName(), type);
        return type.getSimpleName();
      }
      return known == type ? type.getSimpleName() : type.getName();
    }

    void appendTo(StringBuilder source) {
      List<String> lines = bySimpleName.values().stream()
          .filter(c -> !c.getPackageName().equals("java.lang") && !c.getPackageName().equals(PACKAGE))
          .map(Class::getName).sorted().toList();
      for (String line : lines) {
        source.append("import ").append(line).append(";\n");
      }
      if (!lines.isEmpty()) {
        source.append('\n');
      }
    }
  }
}
