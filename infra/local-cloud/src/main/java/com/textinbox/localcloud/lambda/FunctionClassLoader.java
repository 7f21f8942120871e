package com.textinbox.localcloud.lambda;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads one function's deployment jar on its own, as Lambda gives each function its own runtime:
 * its classes, its SDK, its static state and its environment are not shared with the others.
 * Only the Lambda runtime interfaces (aws-lambda-java-core) come from the host, so the host can
 * hand the handler a {@code Context}.
 */
public final class FunctionClassLoader extends URLClassLoader {
  private static final String RUNTIME_PACKAGE = "com.amazonaws.services.lambda.runtime.";

  public FunctionClassLoader(String functionId, Path jarOrClassesDir) {
    super("function-" + functionId, new URL[] {url(jarOrClassesDir)}, ClassLoader.getPlatformClassLoader());
  }

  private static URL url(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalStateException("the function's code is missing: " + path + " (build it with mvn package)");
    }
    try {
      return path.toUri().toURL();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(RUNTIME_PACKAGE)) {
      return FunctionClassLoader.class.getClassLoader().loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  /**
   * Gives the function its environment (template.yaml's variables, resolved) through the copy of
   * {@code com.textinbox.shared.config.Env} inside its jar; a function that does not use the shared
   * library reads nothing from it.
   */
  public void setEnvironment(Map<String, String> environment) {
    try {
      Class<?> env = loadClass("com.textinbox.shared.config.Env");
      env.getMethod("use", Map.class).invoke(null, environment);
    } catch (ClassNotFoundException e) {
      // not a function of this project's shape: it reads System.getenv only
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot set the environment of " + getName(), e);
    }
  }

  /**
   * Tells the function's copy of Powertools what Lambda's environment would: it reads the process
   * environment ({@code System.getenv}), which here is the local cloud's, shared by every function.
   * Without this every log line would say {@code "service":"service_undefined"} and
   * {@code "cold_start":false}. So, in this class loader, Powertools' service name is template.yaml's
   * {@code POWERTOOLS_SERVICE_NAME} and the first invocation is a cold start (LambdaHandlerProcessor's
   * static fields, read once from the environment). (The functions' EMF metrics are their own and
   * read their namespace and service through {@code Env}: docs/decisions.md 66.) A function without
   * Powertools is left as it is.
   */
  public void configurePowertools(Map<String, String> environment) {
    try {
      Class<?> processor = loadClass("software.amazon.lambda.powertools.common.internal.LambdaHandlerProcessor");
      String service = environment.get("POWERTOOLS_SERVICE_NAME");
      if (service != null) {
        setStatic(processor, "serviceName", service);
      }
      setStatic(processor, "isColdStart", Boolean.TRUE);
    } catch (ClassNotFoundException e) {
      // no Powertools in this function
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.out.println("local cloud: cannot give Powertools its service name (" + e + ")");
    }
  }

  private static void setStatic(Class<?> type, String field, Object value) throws ReflectiveOperationException {
    java.lang.reflect.Field f = type.getDeclaredField(field);
    f.setAccessible(true);
    f.set(null, value);
  }

  /** Creates the handler with its no-argument constructor, as Lambda does at cold start. */
  public Object newHandler(String handlerClass) {
    try {
      return loadClass(handlerClass).getConstructor().newInstance();
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(handlerClass + " failed to start: " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create handler " + handlerClass + ": " + e, e);
    }
  }
}
