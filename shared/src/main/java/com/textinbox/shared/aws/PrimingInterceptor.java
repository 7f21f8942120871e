package com.textinbox.shared.aws;

import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * SnapStart priming of writes and sends without writing or sending (docs/decisions.md 46): a
 * request marked {@link #UNSENT} goes through everything the SDK does before the network
 * (validation, marshalling, endpoint rules, credentials, signing) and is stopped just before it is
 * transmitted. {@link AwsClients} puts it on every client, ahead of {@link RequestCounter}: such a
 * request counts as a call, never as an attempt (nothing left the process).
 */
public final class PrimingInterceptor implements ExecutionInterceptor {
  public static final PrimingInterceptor INSTANCE = new PrimingInterceptor();

  private static final ExecutionAttribute<Boolean> PRIMING = new ExecutionAttribute<>("TextInboxPrimingUnsent");

  /** Marks a request's override configuration: stop before transmission. */
  public static final Consumer<AwsRequestOverrideConfiguration.Builder> UNSENT =
      o -> o.putExecutionAttribute(PRIMING, Boolean.TRUE);

  private PrimingInterceptor() {}

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (Boolean.TRUE.equals(attributes.getAttribute(PRIMING))) {
      throw new Stopped();
    }
  }

  /**
   * Runs a marked call and swallows its stop (and only that: any other failure is the step's and
   * propagates, so Priming logs it).
   */
  public static void unsent(Runnable call) {
    try {
      call.run();
      throw new IllegalStateException("a priming request was not stopped: its client lacks the PrimingInterceptor");
    } catch (Stopped stopped) {
      // as planned
    } catch (SdkException e) {
      if (!stoppedIn(e)) {
        throw e;
      }
    }
  }

  private static boolean stoppedIn(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof Stopped) {
        return true;
      }
    }
    return false;
  }

  /** Thrown where the request would have left: never retried (not an I/O error), never logged. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("priming: stopped before transmission", null, false, false);
    }
  }
}
