package com.textinbox.localcloud.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation / SAM YAML file into plain maps and lists, turning the short intrinsic
 * tags into their long forms: {@code !Ref X} -> {@code {"Ref": "X"}}, {@code !GetAtt A.B} ->
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub s} -> {@code {"Fn::Sub": s}}, and so on.
 */
public final class CloudFormationYaml {
  private static final List<String> FUNCTIONS = List.of(
      "Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
      "Transform", "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString");

  private CloudFormationYaml() {}

  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(10 * 1024 * 1024);
      Object loaded = new Yaml(new Constructor(options)).load(reader);
      if (!(loaded instanceof Map)) {
        throw new IOException(file + " is not a YAML mapping");
      }
      return (Map<String, Object>) loaded;
    }
  }

  private static final class Constructor extends SafeConstructor {
    Constructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
      yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
      for (String function : FUNCTIONS) {
        yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
      }
    }

    private Object value(Node node) {
      if (node instanceof ScalarNode scalar) {
        return scalar.getValue();
      }
      if (node instanceof SequenceNode sequence) {
        List<Object> list = new ArrayList<>();
        for (Node child : sequence.getValue()) {
          list.add(constructObject(child));
        }
        return list;
      }
      Map<Object, Object> map = new LinkedHashMap<>();
      for (var tuple : ((MappingNode) node).getValue()) {
        map.put(constructObject(tuple.getKeyNode()), constructObject(tuple.getValueNode()));
      }
      return map;
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String name;

      Intrinsic(String name) {
        this.name = name;
      }

      @Override
      public Object construct(Node node) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(name, value(node));
        return map;
      }
    }

    private final class GetAtt extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        Object value = value(node);
        Object args = value instanceof String text
            ? new ArrayList<>(Arrays.asList(text.split("\\.", 2)))
            : value;
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("Fn::GetAtt", args);
        return map;
      }
    }
  }
}
