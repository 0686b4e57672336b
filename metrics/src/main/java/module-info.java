/**
 * hotpath's metrics: latency recorders with sliding-window percentiles, the bounded registry of
 * named series ({@code MetricId}, {@code TagValues}), budgets, reports and the Micrometer binding.
 * Micrometer is optional: only {@code dev.hotpath.metrics.micrometer} needs it at run time.
 */
module dev.hotpath.metrics {
  requires transitive dev.hotpath.core;
  requires com.fasterxml.jackson.databind;
  // HdrHistogram 2.2.2 declares no module name: this is the name derived from its jar's file name.
  requires HdrHistogram;
  requires org.slf4j;
  // Optional: whoever binds to Micrometer has it already. Not transitive, which would make every
  // module that reads this one need Micrometer to compile.
  requires static micrometer.core;

  exports dev.hotpath.metrics;
  exports dev.hotpath.metrics.micrometer;
}
