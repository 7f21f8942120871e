package benchcrac;

import java.util.ArrayList;
import java.util.List;

/**
 * The global context of the bench's stand-in CRaC runtime (see {@link Resource}): holds what
 * org.crac registers and, on {@link #checkpointRestore()}, calls every resource's
 * {@code beforeCheckpoint} (the last registered first, as CRaC does) and then every
 * {@code afterRestore} (in registration order), without a real snapshot in between.
 */
public final class Core {
  private static final Global GLOBAL = new Global();

  private Core() {}

  public static Context<Resource> getGlobalContext() {
    return GLOBAL;
  }

  public static void checkpointRestore() throws CheckpointException, RestoreException {
    try {
      GLOBAL.beforeCheckpoint(null);
    } catch (Exception e) {
      throw withCause(new CheckpointException(), e);
    }
    try {
      GLOBAL.afterRestore(null);
    } catch (Exception e) {
      throw withCause(new RestoreException(), e);
    }
  }

  private static <E extends Exception> E withCause(E failure, Exception cause) {
    failure.addSuppressed(cause);
    return failure;
  }

  private static final class Global extends Context<Resource> {
    private final List<Resource> resources = new ArrayList<>();

    @Override
    public synchronized void register(Resource resource) {
      resources.add(resource);
    }

    @Override
    public synchronized void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
      for (int i = resources.size() - 1; i >= 0; i--) {
        resources.get(i).beforeCheckpoint(this);
      }
    }

    @Override
    public synchronized void afterRestore(Context<? extends Resource> context) throws Exception {
      for (Resource resource : resources) {
        resource.afterRestore(this);
      }
    }
  }
}
