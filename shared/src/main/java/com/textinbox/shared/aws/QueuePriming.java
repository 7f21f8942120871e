package com.textinbox.shared.aws;

import com.textinbox.shared.observability.Priming;

/**
 * SnapStart priming of an SQS sender (docs/decisions.md 46): one SendMessage of the sender's own
 * shape, stopped before transmission ({@link PrimingInterceptor}), so SendMessage's model,
 * marshaller and signing are in the snapshot. Addressed to a queue that does not exist
 * ({@link #nowhere}): were it ever sent, SQS (and the function's policy, which names its queues)
 * would refuse it, and no consumer could receive it.
 */
public final class QueuePriming {
  private QueuePriming() {}

  /**
   * Registers the marked send for the container's lifetime (senders are built once), with the
   * answer's model, which a stopped send never unmarshals.
   */
  public static void register(String name, java.util.function.Supplier<?> answerModel, Runnable markedSend) {
    Priming.registerForContainer(name, () -> {
      answerModel.get();
      PrimingInterceptor.unsent(markedSend);
    });
  }

  /** A queue URL beside {@code queueUrl} that no queue has. */
  public static String nowhere(String queueUrl) {
    return queueUrl + "-" + Priming.KEY.replace('#', '-').toLowerCase(java.util.Locale.ROOT);
  }
}
