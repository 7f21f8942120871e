package com.textinbox.localcloud.console;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The local cloud's console, as CloudWatch would show it: every line a function writes is
 * labelled with the function's logical id ({@code [InboundSms] ...}), and the engines (DynamoDB
 * Local, ElasticMQ, S3Proxy, OpenSearch and their Jetty servers) stay silent unless
 * {@code --verbose}. The local cloud's own lines are printed as they are.
 *
 * <p>Everything shares one process, so {@link #install} replaces {@code System.out} and
 * {@code System.err} with a {@link LineRouter} that decides per line from the thread that wrote
 * it: a function's invocation runs inside {@link #function}, an engine is started inside
 * {@link #engine}. The source is inherited by the threads created meanwhile, which is how the
 * engines' own thread pools (request handlers, schedulers) are recognised later.
 */
public final class Console {
  /** Who writes on this thread: a function (labelled) or an engine (quiet unless verbose). */
  record Source(String label, boolean engine) {}

  private static final InheritableThreadLocal<Source> SOURCE = new InheritableThreadLocal<>();
  private static volatile boolean verbose;

  private Console() {}

  /** Routes System.out and System.err from now on; call it before anything logs. */
  public static void install(boolean showEngines) {
    verbose = showEngines;
    System.setOut(new PrintStream(new LineRouter(System.out, Console::prefix), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new LineRouter(System.err, Console::prefix), true, StandardCharsets.UTF_8));
  }

  public static boolean verbose() {
    return verbose;
  }

  /** Lines written in this scope come from the function: labelled {@code [logicalId]}. */
  public static Scope function(String logicalId) {
    return enter(new Source(logicalId, false));
  }

  /** Lines written in this scope, and by threads started in it, come from an engine. */
  public static Scope engine(String name) {
    return enter(new Source(name, true));
  }

  private static Scope enter(Source source) {
    Source previous = SOURCE.get();
    SOURCE.set(source);
    return () -> SOURCE.set(previous);
  }

  /** The current thread's line prefix: "" for the local cloud's own lines, null to drop the line. */
  static String prefix() {
    return prefix(SOURCE.get(), verbose);
  }

  static String prefix(Source source, boolean showEngines) {
    if (source == null) {
      return "";
    }
    if (source.engine() && !showEngines) {
      return null;
    }
    return "[" + source.label() + "] ";
  }

  /** Ends a {@link #function} or {@link #engine} scope. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
