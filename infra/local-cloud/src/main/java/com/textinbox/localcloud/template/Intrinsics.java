package com.textinbox.localcloud.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select,
 * Fn::Split) to text, against parameters, pseudo parameters and what the local cloud created for
 * each resource.
 */
public final class Intrinsics {
  /** What the local cloud answers for {@code Ref} and {@code Fn::GetAtt} of a resource. */
  public interface Resources {
    String ref(String logicalId);

    String getAtt(String logicalId, String attribute);
  }

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final Map<String, String> parameters;
  private final Resources resources;
  private final Map<String, Object> conditions;

  public Intrinsics(Map<String, String> parametersAndPseudoParameters, Resources resources) {
    this(parametersAndPseudoParameters, resources, Map.of());
  }

  /** With the template's Conditions, for {@code Fn::If}. */
  public Intrinsics(Map<String, String> parametersAndPseudoParameters, Resources resources, Map<String, Object> conditions) {
    this.parameters = parametersAndPseudoParameters;
    this.resources = resources;
    this.conditions = conditions;
  }

  /** Evaluates a named condition of the template's Conditions section. */
  public boolean condition(String name) {
    if (!conditions.containsKey(name)) {
      throw new IllegalArgumentException("unknown condition " + name);
    }
    return test(conditions.get(name));
  }

  private boolean test(Object expression) {
    Map<String, Object> map = SamTemplate.map(expression);
    if (map.size() != 1) {
      throw new IllegalArgumentException("not a condition: " + expression);
    }
    var entry = map.entrySet().iterator().next();
    List<Object> args = SamTemplate.list(entry.getValue());
    return switch (entry.getKey()) {
      case "Fn::Equals" -> resolve(args.get(0)).equals(resolve(args.get(1)));
      case "Fn::Not" -> !test(args.get(0));
      case "Fn::And" -> args.stream().allMatch(this::test);
      case "Fn::Or" -> args.stream().anyMatch(this::test);
      case "Condition" -> condition((String) entry.getValue());
      default -> throw new IllegalArgumentException("unsupported condition function " + entry.getKey());
    };
  }

  public String resolve(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    Map<String, Object> map = SamTemplate.map(value);
    if (map.size() != 1) {
      throw new IllegalArgumentException("cannot resolve " + value);
    }
    var entry = map.entrySet().iterator().next();
    Object arg = entry.getValue();
    return switch (entry.getKey()) {
      case "Ref" -> ref((String) arg);
      case "Fn::GetAtt" -> {
        List<Object> parts = SamTemplate.list(arg);
        yield resources.getAtt(resolve(parts.get(0)), resolve(parts.get(1)));
      }
      case "Fn::Sub" -> sub(arg);
      case "Fn::Join" -> {
        List<Object> parts = SamTemplate.list(arg);
        List<String> items = new ArrayList<>();
        for (Object item : SamTemplate.list(parts.get(1))) {
          items.add(resolve(item));
        }
        yield String.join(resolve(parts.get(0)), items);
      }
      case "Fn::Select" -> {
        List<Object> parts = SamTemplate.list(arg);
        int index = Integer.parseInt(resolve(parts.get(0)));
        Object from = parts.get(1);
        List<String> items = from instanceof List<?> list
            ? list.stream().map(this::resolve).toList()
            : List.of(resolve(from).split(","));
        yield items.get(index);
      }
      case "Fn::If" -> {
        List<Object> parts = SamTemplate.list(arg);
        yield resolve(condition((String) parts.get(0)) ? parts.get(1) : parts.get(2));
      }
      case "Fn::Split" -> throw new IllegalArgumentException("Fn::Split only inside Fn::Select");
      default -> throw new IllegalArgumentException("unsupported intrinsic " + entry.getKey());
    };
  }

  private String ref(String name) {
    String parameter = parameters.get(name);
    return parameter != null ? parameter : resources.ref(name);
  }

  private String sub(Object arg) {
    String text;
    Map<String, Object> variables = Map.of();
    if (arg instanceof List<?> list) {
      text = (String) list.get(0);
      variables = SamTemplate.map(list.get(1));
    } else {
      text = (String) arg;
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1).trim();
      String replacement;
      if (variables.containsKey(name)) {
        replacement = resolve(variables.get(name));
      } else if (name.contains(".")) {
        String[] parts = name.split("\\.", 2);
        replacement = resources.getAtt(parts[0], parts[1]);
      } else {
        replacement = ref(name);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString().replace("${!", "${");
  }
}
