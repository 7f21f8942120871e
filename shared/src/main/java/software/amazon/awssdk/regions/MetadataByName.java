package software.amazon.awssdk.regions;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * The SDK's generated metadata (one class per service or region) built one at a time, when first
 * asked for, by the name the SDK's code generator gives its class (decision 71). Each is built
 * once, as the SDK's providers build each once.
 */
final class MetadataByName<T> {
  private final Class<T> type;
  private final UnaryOperator<String> className;
  private final ConcurrentMap<String, Optional<T>> built = new ConcurrentHashMap<>();

  /** {@code className}: the class the SDK generates for an id (a region's, a service's endpoint prefix). */
  MetadataByName(Class<T> type, UnaryOperator<String> className) {
    this.type = type;
    this.className = className;
  }

  /** The metadata of this id, or null when the SDK has none (as its own providers answer). */
  T get(String id) {
    return built.computeIfAbsent(id, this::build).orElse(null);
  }

  private Optional<T> build(String id) {
    if (!isGeneratedId(id)) {
      return Optional.empty();
    }
    try {
      Class<?> generated = Class.forName(className.apply(id), true, type.getClassLoader());
      return Optional.of(type.cast(generated.getDeclaredConstructor().newInstance()));
    } catch (ClassNotFoundException none) {
      return Optional.empty();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the SDK's metadata class for " + id + " could not be built", e);
    }
  }

  /** The SDK's ids are lower case letters, digits, dashes and dots ("S3" is no service's prefix). */
  private static boolean isGeneratedId(String id) {
    if (id.isEmpty()) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** "us-gov-west-1" -> "UsGovWest1", "api.ecr" -> "ApiEcr": how the SDK names the classes it generates. */
  static String pascalCase(String id) {
    StringBuilder name = new StringBuilder(id.length());
    for (String part : id.split("[-.]")) {
      if (!part.isEmpty()) {
        name.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
      }
    }
    return name.toString();
  }
}
