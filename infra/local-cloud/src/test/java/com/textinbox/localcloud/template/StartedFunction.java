package com.textinbox.localcloud.template;

import static com.textinbox.localcloud.template.TemplateChecks.ENV;
import static com.textinbox.localcloud.template.TemplateChecks.MISSING_CONFIGURATION;
import static com.textinbox.localcloud.template.TemplateChecks.fileName;
import static com.textinbox.localcloud.template.TemplateChecks.typeOrNull;

import com.textinbox.localcloud.lambda.FunctionClassLoader;
import com.textinbox.localcloud.template.SamTemplate.FunctionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * For {@link TemplateChecks}: one function's jar in its own {@link FunctionClassLoader}, its
 * handler class loaded and, with {@link #start}, its handler created as on a cold start, with the
 * environment template.yaml gives it (intrinsics resolved against fake but well-formed resources).
 * A variable the constructor requires and the template does not set is noted and given a
 * placeholder, and the constructor tried again, so one run finds them all.
 */
final class StartedFunction implements AutoCloseable {
  private static final int MAX_MISSING = 20;

  final FunctionDefinition function;
  FunctionClassLoader loader;
  Class<?> handlerClass;
  Object handler;
  String failure;
  final List<String> missingVariables = new ArrayList<>();
  boolean environmentResolved = true;
  Set<String> readNames;

  private StartedFunction(FunctionDefinition function) {
    this.function = function;
  }

  /** Only loads the handler class. */
  static StartedFunction load(SamTemplate template, FunctionDefinition function) {
    StartedFunction started = new StartedFunction(function);
    Path jar = template.baseDir().resolve(String.valueOf(function.codeUri()));
    if (function.handler() == null) {
      started.failure = "it has no Handler (see the handlers check)";
      return started;
    }
    if (!Files.isRegularFile(jar)) {
      started.failure = "its CodeUri " + function.codeUri() + " does not exist (see the handlers check)";
      return started;
    }
    started.loader = new FunctionClassLoader(function.logicalId(), jar);
    try {
      started.handlerClass = started.loader.loadClass(function.handlerClass());
    } catch (ClassNotFoundException | LinkageError e) {
      started.failure = "its handler class " + function.handlerClass() + " does not load (see the handlers check)";
    }
    return started;
  }

  /** Loads the handler class and creates the handler with template.yaml's environment. */
  static StartedFunction start(SamTemplate template, FunctionDefinition function) {
    StartedFunction started = load(template, function);
    if (started.handlerClass == null) {
      return started;
    }
    Map<String, String> environment;
    try {
      environment = new LinkedHashMap<>(resolvedEnvironment(template, function));
    } catch (IllegalArgumentException e) {
      started.failure = "its environment does not resolve: " + e.getMessage() + " (fix the !Ref / !GetAtt / !Sub)";
      started.environmentResolved = false;
      return started;
    }
    withSdkSystemProperties(() -> {
      while (started.handler == null && started.missingVariables.size() < MAX_MISSING) {
        started.loader.setEnvironment(environment);
        try {
          started.handler = started.loader.newHandler(function.handlerClass());
        } catch (RuntimeException e) {
          String missing = missingVariable(e);
          if (missing == null || started.missingVariables.contains(missing)) {
            // after a missing variable, a later failure may come from its placeholder: the
            // missing variable is the problem to report, and it is
            started.failure = String.valueOf(e);
            break;
          }
          started.missingVariables.add(missing);
          environment.put(missing, "http://127.0.0.1:1/placeholder-for-" + missing);
        } finally {
          // static initialisers run once per class loader: keep what every attempt read
          Set<String> read = started.envReadNames();
          if (read != null) {
            started.readNames = started.readNames == null ? new TreeSet<>() : started.readNames;
            started.readNames.addAll(read);
          }
        }
      }
    });
    return started;
  }

  /** The variable of an Env.MissingConfigurationException thrown by the jar's copy of Env, else null. */
  private static String missingVariable(Throwable e) {
    if (!MISSING_CONFIGURATION.equals(e.getClass().getName())) {
      return null;
    }
    try {
      return (String) e.getClass().getMethod("variable").invoke(e);
    } catch (ReflectiveOperationException reflection) {
      throw new IllegalStateException("Env.MissingConfigurationException has no variable()", reflection);
    }
  }

  @SuppressWarnings("unchecked")
  private Set<String> envReadNames() {
    try {
      return (Set<String>) loader.loadClass(ENV).getMethod("readNames").invoke(null);
    } catch (ClassNotFoundException e) {
      return null;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the jar " + function.codeUri() + " has an Env older than this check (no"
          + " readNames()): rebuild the function jars (mvn -B package -DskipTests)", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call Env.readNames() in " + function.logicalId() + "'s jar", e);
    }
  }

  @SuppressWarnings("unchecked")
  Set<String> routeKeys() {
    try {
      return (Set<String>) handler.getClass().getMethod("routeKeys").invoke(handler);
    } catch (InvocationTargetException | IllegalAccessException | NoSuchMethodException e) {
      throw new IllegalStateException("cannot call routeKeys() on " + function.handlerClass(), e);
    }
  }

  @Override
  public void close() {
    if (loader != null) {
      try {
        loader.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * SDK clients built in constructors need a region and credentials; they make no call there.
   * Set only for the construction, so the rest of the test JVM is left as it was.
   */
  private static void withSdkSystemProperties(Runnable work) {
    Map<String, String> properties = Map.of("aws.region", "us-east-1", "aws.accessKeyId", "x", "aws.secretAccessKey", "x");
    Map<String, String> before = new LinkedHashMap<>();
    properties.forEach((name, value) -> {
      before.put(name, System.getProperty(name));
      System.setProperty(name, value);
    });
    try {
      work.run();
    } finally {
      before.forEach((name, value) -> {
        if (value == null) {
          System.clearProperty(name);
        } else {
          System.setProperty(name, value);
        }
      });
    }
  }

  /** The function's variables (Globals merged) with intrinsics resolved against fake resources. */
  static Map<String, String> resolvedEnvironment(SamTemplate template, FunctionDefinition function) {
    Map<String, String> parameters = new LinkedHashMap<>(Map.of(
        "AWS::Region", FakeResources.REGION,
        "AWS::AccountId", FakeResources.ACCOUNT,
        "AWS::Partition", "aws",
        "AWS::URLSuffix", "amazonaws.com",
        "AWS::StackName", "textinbox-test",
        "AWS::StackId", "arn:aws:cloudformation:us-east-1:000000000000:stack/textinbox-test/1"));
    SamTemplate.map(template.root().get("Parameters")).keySet().forEach(name -> parameters.put(name, "param-" + name));
    parameters.putAll(template.parameterDefaults());
    Intrinsics intrinsics = new Intrinsics(parameters, new FakeResources(template), template.conditions());
    Map<String, String> resolved = new LinkedHashMap<>();
    function.environment().forEach((name, value) -> {
      try {
        resolved.put(name, intrinsics.resolve(value));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("environment variable " + name + ": " + e.getMessage(), e);
      }
    });
    return resolved;
  }

  /** Well-formed stand-ins for what {@code Ref} and {@code Fn::GetAtt} give on AWS. */
  private record FakeResources(SamTemplate template) implements Intrinsics.Resources {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";

    private String type(String id) {
      String type = typeOrNull(template, id);
      if (type == null) {
        throw new IllegalArgumentException(id + " is not a resource of " + fileName(template));
      }
      return type;
    }

    @Override
    public String ref(String id) {
      return switch (type(id)) {
        case "AWS::SQS::Queue" -> "http://127.0.0.1:1/" + ACCOUNT + "/" + id;
        case "AWS::SNS::Topic" -> arn("sns", id);
        case "AWS::Cognito::UserPool" -> REGION + "_" + id;
        case "AWS::S3::Bucket" -> id.toLowerCase(Locale.ROOT);
        default -> id; // table, domain, function, API and client ids and names
      };
    }

    @Override
    public String getAtt(String id, String attribute) {
      String type = type(id);
      return switch (type + "." + attribute) {
        case "AWS::SQS::Queue.Arn" -> arn("sqs", id);
        case "AWS::SNS::Topic.TopicArn" -> ref(id);
        case "AWS::SQS::Queue.QueueUrl" -> ref(id);
        case "AWS::SQS::Queue.QueueName", "AWS::SNS::Topic.TopicName" -> id;
        case "AWS::DynamoDB::Table.Arn" -> arn("dynamodb", "table/" + id);
        case "AWS::DynamoDB::Table.StreamArn" -> arn("dynamodb", "table/" + id + "/stream/2026-01-01T00:00:00.000");
        case "AWS::Cognito::UserPool.ProviderURL" -> "http://127.0.0.1:1/" + id;
        case "AWS::Cognito::UserPool.ProviderName" -> "127.0.0.1:1/" + id;
        case "AWS::Cognito::UserPool.Arn" -> arn("cognito-idp", "userpool/" + ref(id));
        case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + ref(id);
        case "AWS::S3::Bucket.DomainName", "AWS::S3::Bucket.RegionalDomainName" -> ref(id) + ".s3.amazonaws.com";
        case "AWS::OpenSearchService::Domain.DomainEndpoint" -> "127.0.0.1:1";
        case "AWS::OpenSearchService::Domain.Arn", "AWS::OpenSearchService::Domain.DomainArn" -> arn("es", "domain/" + id);
        case "AWS::Serverless::Function.Arn" -> arn("lambda", "function:" + id);
        default -> attribute.equals("Arn")
            ? arn(type.split("::")[1].toLowerCase(Locale.ROOT), id)
            : "fake-" + id + "-" + attribute;
      };
    }

    private static String arn(String service, String resource) {
      return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }
  }
}
