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
