import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * What a Lambda Java runtime does in a fresh container, timed: load the handler class and call its
 * no-argument constructor (init), then invoke it twice (first and warm). ColdStart.java compiles it
 * against a function jar and runs it in a new JVM per measurement.
 *
 * <p>Usage: Harness [--primed] HANDLER_CLASS FIRST_EVENT WARM_EVENT. Prints one {@code COLDSTART ...}
 * line. With {@code --primed} (and {@code -Dorg.crac.Core.Compat=benchcrac}, infra/bench/crac), the
 * CRaC resources the handler registered run between init and the first invoke, as SnapStart runs
 * them before its snapshot, then the connections they opened are left to expire: the first
 * invoke is then the first invoke after a restore, and {@code firstCpuMs} its CPU time (-1
 * without {@code --primed}). {@code cpuMs} is the whole process's CPU at the end, {@code coldCpuMs}
 * at the first invoke's end (the cold start's).
 */
public final class Harness {
  // Loaded (never used) between the phases: with -Xlog:class+load they split the log into phases.
  private static final class Init {}
  private static final class Priming {}
  private static final class FirstInvoke {}
  private static final class WarmInvoke {}
  private static final class Done {}

  public static void main(String[] args) throws Exception {
    long mainAt = System.currentTimeMillis(); // first thing, before anything else loads
    boolean primed = args[0].equals("--primed");
    if (primed) {
      args = java.util.Arrays.copyOfRange(args, 1, args.length);
    }
    long queuedBefore = queuedNanos();
    processCpuMs(); // its classes load here, before the phases
    mark(Init.class);
    long t0 = System.nanoTime();
    RequestStreamHandler handler =
        (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    long t1 = System.nanoTime();
    if (primed) {
      mark(Priming.class);
      Checkpoint.beforeAndAfter();
      // A restore finds no open connection: wait out the JDK's keep-alive (5 s when the server
      // names none), so the first invoke connects and shakes hands anew, as after a restore,
      // rather than reusing the connections priming opened.
      Thread.sleep(KEEP_ALIVE_MS + 1_000);
      t1 = System.nanoTime(); // priming is part of the snapshot, not of the first invoke
    }
    long cpuBeforeFirst = primed ? processCpuNanos() : 0;
    mark(FirstInvoke.class);
    String first = invoke(handler, args[1]);
    long t2 = System.nanoTime();
    long firstCpu = primed ? processCpuNanos() - cpuBeforeFirst : -1_000_000;
    long coldCpuMs = processCpuMs(); // the cold start ends here: the warm invoke is not part of it
    long queuedAfter = queuedNanos();
    mark(WarmInvoke.class);
    invoke(handler, args[2]);
    long t3 = System.nanoTime();
    mark(Done.class);
    // the JMX classes are loaded only now, so they do not count in the phases above
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long cpuMs = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
    System.out.printf("COLDSTART jvmToMainMs=%d initMs=%.1f firstMs=%.1f warmMs=%.1f maxRssKb=%d cpuMs=%d coldCpuMs=%d queuedMs=%.1f firstCpuMs=%.1f response=%s%n",
        mainAt - jvmStart, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), maxRssKb(), cpuMs, coldCpuMs,
        ms(queuedAfter - queuedBefore), ms(firstCpu), first.replaceAll("\\s+", " "));
  }

  private static void mark(Class<?> phase) {}

  /** How long HttpURLConnection keeps an idle connection when the server names no time (sun.net.www.http.KeepAliveCache). */
  private static final long KEEP_ALIVE_MS = 5_000;

  /** Only loaded with --primed: org.crac forwards to the stand-in runtime of infra/bench/crac. */
  private static final class Checkpoint {
    static void beforeAndAfter() throws Exception {
      org.crac.Core.checkpointRestore();
    }
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static String invoke(RequestStreamHandler handler, String eventFile) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(eventFile))), out, new BenchContext());
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * CPU time of every thread of this process so far (the JIT's and GC's included), to the
   * nanosecond: with --primed, what the first invoke after a restore costs. -1 off Linux.
   */
  private static long processCpuNanos() {
    long sum = 0;
    try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          sum += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
        } catch (Exception ended) {
          // a thread that ended between the listing and the read: its time is lost, rarely
        }
      }
      return sum;
    } catch (Exception notLinux) {
      return -1;
    }
  }

  /**
   * CPU time of this process so far, all threads (ended ones too), as the kernel counts it in
   * /proc/self/stat (utime + stime, in ticks of 10 ms): what ProcessHandle's totalCpuDuration reads,
   * without loading its classes. -1 off Linux.
   */
  private static long processCpuMs() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // fields 14 and 15 of proc(5)
    } catch (Exception notLinux) {
      return -1;
    }
  }

  /**
   * How long this thread sat ready to run while other threads (other processes, or this JVM's JIT
   * and GC) had the CPU: on a busy machine, how much of init + first invoke was waiting, not work.
   * 0 off Linux.
   */
  private static long queuedNanos() {
    try {
      return Long.parseLong(Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ")[1]);
    } catch (Exception notLinux) {
      return 0;
    }
  }

  /** VmHWM: the peak resident set of this process, as the kernel counts it; -1 off Linux. */
  private static long maxRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (Exception notLinux) {
      // fall through
    }
    return -1;
  }

  /** The context a Lambda runtime passes, filled from the environment Lambda sets. */
  private static final class BenchContext implements Context {
    private final String requestId = UUID.randomUUID().toString();
    private final long deadline = System.currentTimeMillis() + 20_000;

    private static String env(String name, String fallback) {
      String value = System.getenv(name);
      return value == null ? fallback : value;
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + getFunctionName(); }
    @Override public String getLogStreamName() { return "bench"; }
    @Override public String getFunctionName() { return env("AWS_LAMBDA_FUNCTION_NAME", "bench"); }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() {
      return "arn:aws:lambda:" + env("AWS_REGION", "us-east-1") + ":000000000000:function:" + getFunctionName();
    }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return (int) (deadline - System.currentTimeMillis()); }
    @Override public int getMemoryLimitInMB() { return Integer.parseInt(env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")); }
    @Override public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override public void log(String message) { System.out.print(message); }
        @Override public void log(byte[] message) { System.out.write(message, 0, message.length); }
      };
    }
  }
}
