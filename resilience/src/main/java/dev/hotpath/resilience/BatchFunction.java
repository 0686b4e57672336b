package dev.hotpath.resilience;

import java.util.List;

/**
 * Processes one batch, e.g. one bulk request to the vision API for many images.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface BatchFunction<I, O> {

  /**
   * Processes {@code inputs} and returns one output per input, in the same order.
   *
   * @param inputs the batch, never empty
   * @return the outputs; a list of another size fails every job of the batch
   * @throws Exception to fail every job of the batch
   */
  List<O> process(List<I> inputs) throws Exception;
}
