package benchcrac;

/**
 * The bench's stand-in for a CRaC runtime (infra/bench/Harness.java, --primed): org.crac's
 * {@code Core} forwards to the package named by {@code -Dorg.crac.Core.Compat}, as it forwards to
 * {@code jdk.crac} on a JDK with CRaC and to Lambda's runtime under SnapStart.
 */
public interface Resource {
  void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

  void afterRestore(Context<? extends Resource> context) throws Exception;
}
