package dev.hotpath.spring.boot.internal;

import dev.hotpath.spring.boot.InvalidateTags;
import dev.hotpath.spring.boot.TieredCacheManager;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.common.TemplateParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Runs the annotated method, then invalidates the tags its {@link InvalidateTags} names. Parsed
 * templates are kept per template text, so a call costs one evaluation per tag.
 */
public final class InvalidateTagsInterceptor implements MethodInterceptor {
  private static final Pattern PARAMETER = Pattern.compile("#([A-Za-z_][A-Za-z0-9_]*)");
  private static final SpelExpressionParser PARSER = new SpelExpressionParser();
  private static final TemplateParserContext TEMPLATE = new TemplateParserContext();

  private final Supplier<TieredCacheManager> caches;
  private final ParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
  private final Map<String, Expression> parsed = new ConcurrentHashMap<>();

  /**
   * Creates the interceptor.
   *
   * @param caches the cache manager, resolved at the first invalidation
   */
  public InvalidateTagsInterceptor(Supplier<TieredCacheManager> caches) {
    this.caches = caches;
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Object result = invocation.proceed();
    Object target = invocation.getThis();
    Method method = target == null ? invocation.getMethod()
        : AopUtils.getMostSpecificMethod(invocation.getMethod(), target.getClass());
    InvalidateTags tags = AnnotatedElementUtils.findMergedAnnotation(method, InvalidateTags.class);
    if (tags == null) {
      return result;
    }
    MethodBasedEvaluationContext context =
        new MethodBasedEvaluationContext(null, method, invocation.getArguments(), names);
    context.setVariable("result", result);
    TieredCacheManager manager = caches.get();
    for (String template : tags.value()) {
      String tag = parsed.computeIfAbsent(template, InvalidateTagsInterceptor::parse)
          .getValue(context, String.class);
      manager.invalidateTag(tag);
    }
    return result;
  }

  /** {@code album:#id} is shorthand for the template {@code album:#{#id}}. */
  static Expression parse(String template) {
    String full = template;
    if (!template.contains(TEMPLATE.getExpressionPrefix())) {
      Matcher parameter = PARAMETER.matcher(template);
      full = parameter.replaceAll(match -> Matcher.quoteReplacement("#{#" + match.group(1) + "}"));
    }
    try {
      return PARSER.parseExpression(full, TEMPLATE);
    } catch (RuntimeException unparsable) {
      throw new IllegalArgumentException("@InvalidateTags template '" + template
          + "' is not a tag template: " + unparsable.getMessage(), unparsable);
    }
  }
}
