package com.textinbox.localcloud.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.textinbox.localcloud.lambda.FunctionClassLoader;
import com.textinbox.localcloud.recording.ReviewedInlineStatements;
import com.textinbox.localcloud.template.SamTemplate.EventDefinition;
import com.textinbox.localcloud.template.SamTemplate.FunctionDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that template.yaml and the code agree (DESIGN.md, principle 1). Each check takes a
 * {@link SamTemplate} and returns the problems it found, one readable sentence each, naming the
 * function or resource and what to change; an empty list means the check passed.
 *
 * <p>Functions are loaded from their deployment jars ({@code CodeUri}) in their own
 * {@link FunctionClassLoader}, as the local cloud and Lambda load them. The classes in a jar are
 * not the test's copies of the shared library, so base classes are compared by name.
 */
public final class TemplateChecks {
  static final String REQUEST_STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";
  static final String API_HANDLER = "com.textinbox.shared.api.ApiHandler";
  static final String SQS_BATCH_HANDLER = "com.textinbox.shared.sqs.SqsBatchHandler";
  static final String STREAM_HANDLER = "com.textinbox.shared.stream.DynamoDBStreamHandler";
  static final String ENV = "com.textinbox.shared.config.Env";
  static final String MISSING_CONFIGURATION = ENV + "$MissingConfigurationException";

  /** Variables Powertools and the Lambda runtime read themselves, not through {@code Env}. */
  private static final Pattern RUNTIME_VARIABLES = Pattern.compile("POWERTOOLS_.*|LOG_LEVEL|JAVA_TOOL_OPTIONS|AWS_.*");

  /**
   * The SAM policy templates functions may use, what each is for, and which of its parameters name
   * a resource of which type. A template not listed here fails the IAM check on purpose: whoever
   * needs a new one adds it here, after reading what it grants
   * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html),
   * and to {@code SamPolicyTemplates} with its actions, for the least-privilege test that measures
   * what functions call (TemplateConsistencyTest checks the two agree).
   */
  static final Map<String, PolicyTemplate> POLICY_TEMPLATES = Map.of(
      "DynamoDBReadPolicy", new PolicyTemplate(
          "read items of one table and its indexes (Get, BatchGet, Query, Scan)",
          Map.of("TableName", "AWS::DynamoDB::Table")),
      "DynamoDBWritePolicy", new PolicyTemplate(
          "write items of one table (Put, Update, BatchWrite), never delete them",
          Map.of("TableName", "AWS::DynamoDB::Table")),
      "DynamoDBCrudPolicy", new PolicyTemplate(
          "read, write and delete items of one table and its indexes",
          Map.of("TableName", "AWS::DynamoDB::Table")),
      "ElasticsearchHttpPostPolicy", new PolicyTemplate(
          "POST and PUT to the paths of one OpenSearch domain (es:ESHttpPost, es:ESHttpPut): write documents, bulk, search",
          Map.of("DomainName", "AWS::OpenSearchService::Domain")),
      "SQSSendMessagePolicy", new PolicyTemplate(
          "send messages to one queue (sqs:SendMessage*); also what a stream event source needs for its OnFailure queue",
          Map.of("QueueName", "AWS::SQS::Queue")),
      // Publishing to a topic of the template. It does NOT cover a Publish to a phone number
      // (authorized on Resource "*"): SmsSender has a reviewed inline statement for that
      // (ReviewedInlineStatements; docs/least-privilege.md).
      "SNSPublishMessagePolicy", new PolicyTemplate(
          "publish to one SNS topic (sns:Publish)",
          Map.of("TopicName", "AWS::SNS::Topic")),
      // notification emails (NotificationDispatcher, DailyDigest): the narrowest SES template with
      // ses:SendEmail, on the one email identity of the template
      "SESCrudPolicy", new PolicyTemplate(
          "send email from one SES identity (ses:SendEmail, ses:SendRawEmail; also verification calls)",
          Map.of("IdentityName", "AWS::SES::EmailIdentity")),
      // result files of jobs (ExportWorker, docs/decisions.md 53): the objects of the files bucket
      "S3ReadPolicy", new PolicyTemplate(
          "read objects of one bucket (s3:GetObject, s3:ListBucket...): a presigned link acts with these rights",
          Map.of("BucketName", "AWS::S3::Bucket")),
      "S3WritePolicy", new PolicyTemplate(
          "write objects of one bucket (s3:PutObject, multipart uploads too), never delete them",
          Map.of("BucketName", "AWS::S3::Bucket")));

  record PolicyTemplate(String purpose, Map<String, String> resourceParameters) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private TemplateChecks() {}

  /** Every check, in the order a developer would fix them. */
  public static List<String> all(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    problems.addAll(samSchema(template));
    problems.addAll(handlers(template));
    problems.addAll(eventTypes(template));
    problems.addAll(environment(template));
    problems.addAll(queues(template));
    problems.addAll(iam(template));
    return problems;
  }

  // ------------------------------------------------------------------ 1. SAM schema

  /**
   * The template against the official SAM schema (draft-04, a copy in test resources: see
   * sam/README.md). It catches what {@code sam validate} would: a misspelt property, an event
   * without its required properties, a value of the wrong shape.
   */
  public static List<String> samSchema(SamTemplate template) {
    JsonNode tree = JSON.valueToTree(template.root());
    Set<String> problems = new TreeSet<>();
    for (ValidationMessage message : SamSchema.withoutOtherTypesBranches(SamSchema.SCHEMA.validate(tree))) {
      problems.add(fileName(template) + ": " + message.getMessage() + " (SAM schema)");
    }
    return List.copyOf(problems);
  }

  /** The schema, read once (750 kB), and a filter for the noise its alternatives make. */
  private static final class SamSchema {
    static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
      // the schema's documentation keywords, known to the validator so it does not warn about them
      JsonMetaSchema draft4 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
          .keyword(new NonValidationKeyword("__samPassThrough"))
          .keyword(new NonValidationKeyword("markdownDescription"))
          .build();
      JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b.metaSchema(draft4));
      try (InputStream in = TemplateChecks.class.getResourceAsStream("/sam/sam.schema.json")) {
        return factory.getSchema(Objects.requireNonNull(in, "sam/sam.schema.json is not on the test classpath"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A branch of an anyOf whose Type the value does not have: "...anyOf[3].$ref.properties.Type.enum". */
    private static final Pattern OTHER_TYPE =
        Pattern.compile("^(.*\\.anyOf\\[\\d+])(?:\\.\\$ref)?\\.properties\\.Type\\.(?:enum|pattern)$");

    private record Branch(String schemaPath, String instancePath) {}

    /**
     * A resource is one of the SAM resource types or any other CloudFormation type, an event one
     * of the event types: alternatives (anyOf) told apart by Type. A faulty value fails them all,
     * and the validator reports every branch: "Type: does not have a value in the enumeration
     * [AWS::Serverless::Connector]" and all a Connector would lack. Only the branch of the value's
     * own Type says something useful; this keeps that one (or everything, if it would keep none).
     */
    static List<ValidationMessage> withoutOtherTypesBranches(Collection<ValidationMessage> messages) {
      List<Branch> otherTypes = new ArrayList<>();
      for (ValidationMessage message : messages) {
        Matcher matcher = OTHER_TYPE.matcher(message.getEvaluationPath().toString());
        if (matcher.matches()) {
          String instance = message.getInstanceLocation().toString();
          otherTypes.add(new Branch(matcher.group(1), instance.substring(0, instance.length() - ".Type".length())));
        }
      }
      List<ValidationMessage> kept = messages.stream()
          .filter(message -> otherTypes.stream().noneMatch(branch ->
              isUnder(message.getEvaluationPath().toString(), branch.schemaPath())
                  && isUnder(message.getInstanceLocation().toString(), branch.instancePath())))
          .toList();
      return kept.isEmpty() ? List.copyOf(messages) : kept;
    }

    private static boolean isUnder(String path, String prefix) {
      return path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
    }
  }

  // ------------------------------------------------------------------ 2. handlers

  /**
   * Every function's code is where CodeUri says, and its Handler names a class of that jar which
   * Lambda can call: a RequestStreamHandler, method handleRequest (our handlers read and write
   * JSON streams themselves; no reflection-based event mapping at cold start).
   */
  public static List<String> handlers(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    for (FunctionDefinition function : template.functions()) {
      String id = function.logicalId();
      if (function.codeUri() == null || function.handler() == null) {
        problems.add("function " + id + ": template.yaml must set CodeUri (the function's jar) and Handler");
        continue;
      }
      if (!function.handler().endsWith("::handleRequest")) {
        problems.add("function " + id + ": Handler " + function.handler()
            + " must be <class>::handleRequest (the RequestStreamHandler method)");
      }
      Path jar = template.baseDir().resolve(function.codeUri());
      if (!Files.isRegularFile(jar)) {
        problems.add("function " + id + ": CodeUri " + function.codeUri() + " does not exist; fix CodeUri in "
            + fileName(template) + ", or build the jars first (mvn -B package -DskipTests)");
        continue;
      }
      try (FunctionClassLoader loader = new FunctionClassLoader(id, jar)) {
        Class<?> handler = loader.loadClass(function.handlerClass());
        if (!supertypeNames(handler).contains(REQUEST_STREAM_HANDLER)) {
          problems.add("function " + id + ": handler class " + function.handlerClass() + " does not implement "
              + REQUEST_STREAM_HANDLER);
        }
      } catch (ClassNotFoundException e) {
        problems.add("function " + id + ": handler class " + function.handlerClass() + " is not in "
            + function.codeUri() + " (fix Handler in " + fileName(template) + ", or the class name in its module)");
      } catch (LinkageError e) {
        problems.add("function " + id + ": handler class " + function.handlerClass() + " is in " + function.codeUri()
            + " but does not load: " + e + " (a dependency missing from the jar?)");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return problems;
  }

  /**
   * The jars carry shared's lazy SDK metadata providers, not the SDK's, which build the metadata of
   * every service and region at the first client's build (decision 71; the parent pom's shade
   * filter): each provider in a jar is byte for byte the one shared compiled.
   */
  public static List<String> lazySdkMetadata(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    for (FunctionDefinition function : template.functions()) {
      Path jar = template.baseDir().resolve(String.valueOf(function.codeUri()));
      if (!Files.isRegularFile(jar)) {
        continue; // the handlers check reports it
      }
      try (JarFile file = new JarFile(jar.toFile())) {
        if (file.getEntry("software/amazon/awssdk/regions/ServiceMetadata.class") == null) {
          continue; // no AWS SDK client in this jar
        }
        for (String provider : List.of("GeneratedServiceMetadataProvider", "GeneratedRegionMetadataProvider")) {
          String entry = "software/amazon/awssdk/regions/" + provider + ".class";
          Path shared = template.baseDir().resolve("shared/target/classes/" + entry);
          var inJar = file.getEntry(entry);
          if (inJar == null || !Files.isRegularFile(shared)) {
            problems.add("function " + function.logicalId() + ": " + entry + " is missing from its jar or from shared's build");
            continue;
          }
          try (InputStream in = file.getInputStream(inJar)) {
            if (!Arrays.equals(in.readAllBytes(), Files.readAllBytes(shared))) {
              problems.add("function " + function.logicalId() + ": its jar has the SDK's " + provider + ", not shared's lazy one:"
                  + " keep the regions filter of the parent pom's shade configuration (decision 71)");
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return problems;
  }

  // ------------------------------------------------------------------ 3. event types

  /**
   * Each event reaches a handler built for it: Api events an ApiHandler that serves exactly the
   * routes the template declares for it, SQS events an SqsBatchHandler reporting partial batch
   * failures (principle 5) from a queue of this template, DynamoDB stream events a
   * DynamoDBStreamHandler reporting its first failed record, with bounded retries and an OnFailure
   * queue, authorizers a RequestStreamHandler. Other event types wait for their base class and for
   * this check to learn them.
   */
  public static List<String> eventTypes(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    for (FunctionDefinition function : template.functions()) {
      // functions without events too: an ApiHandler with none serves routes nothing reaches
      try (StartedFunction started = StartedFunction.start(template, function)) {
        if (started.handlerClass == null) {
          problems.add("function " + function.logicalId() + ": cannot check its events: " + started.failure);
          continue;
        }
        Set<String> supertypes = supertypeNames(started.handlerClass);
        for (EventDefinition event : function.events()) {
          String where = "function " + function.logicalId() + ", event " + event.name() + " (" + event.type() + ")";
          switch (String.valueOf(event.type())) {
            case "Api" -> problems.addAll(apiEvent(template, where, event, supertypes));
            case "SQS" -> problems.addAll(sqsEvent(template, where, event, supertypes));
            case "DynamoDB" -> problems.addAll(dynamoDbEvent(template, where, event, supertypes));
            default -> {
              if (!hasBaseClassNamedFor(event.type(), started.handlerClass)) {
                problems.add(where + ": event type " + event.type() + " is not supported yet by this check"
                    + " (give the handler a base class named for it in shared/, and teach TemplateChecks.eventTypes"
                    + " what to check)");
              }
            }
          }
        }
        if (supertypes.contains(API_HANDLER)) {
          problems.addAll(routesAgree(started));
        }
      }
    }
    problems.addAll(authorizers(template));
    return problems;
  }

  private static List<String> apiEvent(SamTemplate template, String where, EventDefinition event, Set<String> supertypes) {
    List<String> problems = new ArrayList<>();
    if (!supertypes.contains(API_HANDLER)) {
      problems.add(where + ": the handler does not extend " + API_HANDLER + ", so it cannot take API Gateway events");
    }
    String api = refTarget(event.properties().get("RestApiId"));
    if (api == null || !"AWS::Serverless::Api".equals(typeOrNull(template, api))) {
      problems.add(where + ": RestApiId must be !Ref of an AWS::Serverless::Api of " + fileName(template) + ", not "
          + show(event.properties().get("RestApiId"))
          + " (without it SAM makes an implicit API, with none of our API's authorizer and settings)");
    }
    return problems;
  }

  /**
   * The routes of the function's Api events and those its handler serves are the same, both ways:
   * a declared route the handler does not serve answers 404; a served one not declared is never
   * reached.
   */
  private static List<String> routesAgree(StartedFunction started) {
    List<String> problems = new ArrayList<>();
    String id = started.function.logicalId();
    if (started.handler == null) {
      problems.add("function " + id + ": cannot compare its routes with its Api events: its handler did not start: "
          + started.failure);
      return problems;
    }
    Set<String> served = started.routeKeys();
    Set<String> declared = new LinkedHashSet<>();
    for (EventDefinition event : started.function.eventsOfType("Api")) {
      String route = String.valueOf(event.properties().get("Method")).toUpperCase(Locale.ROOT) + " "
          + event.properties().get("Path");
      declared.add(route);
      if (!served.contains(route)) {
        problems.add("function " + id + ", event " + event.name() + ": template.yaml routes " + route + " to "
            + started.function.handlerClass() + ", which does not serve it (it serves " + new TreeSet<>(served)
            + "): fix Path/Method, or add the route in the handler's constructor");
      }
    }
    for (String route : new TreeSet<>(served)) {
      if (!declared.contains(route)) {
        problems.add("function " + id + ": " + started.function.handlerClass() + " serves " + route
            + " but template.yaml declares no Api event for it, so API Gateway never routes it there: add an Api event"
            + " to function " + id + ", or remove the route");
      }
    }
    return problems;
  }

  private static List<String> sqsEvent(SamTemplate template, String where, EventDefinition event, Set<String> supertypes) {
    List<String> problems = new ArrayList<>();
    if (!supertypes.contains(SQS_BATCH_HANDLER)) {
      problems.add(where + ": the handler does not extend " + SQS_BATCH_HANDLER + ", so it cannot take SQS batches");
    }
    if (!SamTemplate.list(event.properties().get("FunctionResponseTypes")).contains("ReportBatchItemFailures")) {
      problems.add(where + ": set FunctionResponseTypes: [ReportBatchItemFailures]; without it one failed message"
          + " makes SQS redeliver the whole batch, and the handler's partial failures are ignored");
    }
    String queue = getAttTarget(event.properties().get("Queue"), "Arn");
    if (queue == null || !"AWS::SQS::Queue".equals(typeOrNull(template, queue))) {
      problems.add(where + ": Queue must be !GetAtt <queue>.Arn of an AWS::SQS::Queue of " + fileName(template)
          + ", not " + show(event.properties().get("Queue")) + " (the queues check makes sure it has a DLQ)");
    }
    problems.addAll(concurrencyCap(template, where, event));
    return problems;
  }

  /**
   * {@code ScalingConfig.MaximumConcurrency}, when set, is what AWS takes for an SQS event source
   * (2 to 1000), written as a number or as a !Ref to a parameter bounded so (MinValue, MaxValue):
   * a deployer can then never pass a cap AWS refuses mid-deployment (decision 61).
   */
  private static List<String> concurrencyCap(SamTemplate template, String where, EventDefinition event) {
    if (!event.properties().containsKey("ScalingConfig")) {
      return List.of();
    }
    Object cap = SamTemplate.map(event.properties().get("ScalingConfig")).get("MaximumConcurrency");
    Object parameterName = SamTemplate.map(cap).get("Ref");
    Map<String, Object> parameter = parameterName == null ? null
        : SamTemplate.map(SamTemplate.map(template.root().get("Parameters")).get(String.valueOf(parameterName)));
    Double low = parameter == null ? number(cap) : number(parameter.get("MinValue"));
    Double high = parameter == null ? number(cap) : number(parameter.get("MaxValue"));
    if (low == null || high == null || low < 2 || high > 1000) {
      return List.of(where + ": ScalingConfig.MaximumConcurrency must be between 2 and 1000 (SQS event sources), a number"
          + " or a !Ref to a parameter with MinValue >= 2 and MaxValue <= 1000; it is " + show(cap));
    }
    return List.of();
  }

  private static Double number(Object value) {
    try {
      return value == null ? null : Double.valueOf(String.valueOf(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * A stream event: the handler reports its first failed record (so one bad record is retried, not
   * the whole batch, and the order of changes is kept), the stream is one of a table of this
   * template, retries are bounded (the default, -1, retries a failing record until it leaves the
   * stream 24 hours later, holding back its shard all that time) and what is given up on is
   * described in an SQS queue of this template rather than silently dropped.
   */
  private static List<String> dynamoDbEvent(SamTemplate template, String where, EventDefinition event, Set<String> supertypes) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> properties = event.properties();
    if (!supertypes.contains(STREAM_HANDLER)) {
      problems.add(where + ": the handler does not extend " + STREAM_HANDLER + ", so it cannot take DynamoDB stream batches");
    }
    if (!SamTemplate.list(properties.get("FunctionResponseTypes")).contains("ReportBatchItemFailures")) {
      problems.add(where + ": set FunctionResponseTypes: [ReportBatchItemFailures]; without it one failed record"
          + " fails the whole batch, and every record of it is processed again");
    }
    String table = getAttTarget(properties.get("Stream"), "StreamArn");
    if (table == null || !"AWS::DynamoDB::Table".equals(typeOrNull(template, table))) {
      problems.add(where + ": Stream must be !GetAtt <table>.StreamArn of an AWS::DynamoDB::Table of " + fileName(template)
          + ", not " + show(properties.get("Stream")));
    } else if (template.properties(table).get("StreamSpecification") == null) {
      problems.add(where + ": table " + table + " has no StreamSpecification, so it has no stream to read");
    }
    Integer retries = integer(properties.get("MaximumRetryAttempts"));
    if (retries == null || retries < 0 || retries > 10_000) {
      problems.add(where + ": set MaximumRetryAttempts (0 to 10000, e.g. 5); it is " + properties.get("MaximumRetryAttempts")
          + ", and without a bound a record that keeps failing holds back its shard until it expires from the stream");
    }
    String destination = onFailureDestination(event);
    if (destination == null || !"AWS::SQS::Queue".equals(typeOrNull(template, destination))) {
      problems.add(where + ": set DestinationConfig: {OnFailure: {Destination: !GetAtt <queue>.Arn}}, an AWS::SQS::Queue of "
          + fileName(template) + ", so the batches given up on after the retries are written down, not silently dropped"
          + " (it is " + show(SamTemplate.map(SamTemplate.map(properties.get("DestinationConfig")).get("OnFailure"))
          .get("Destination")) + ")");
    }
    return problems;
  }

  /** The resource of a stream event's {@code DestinationConfig.OnFailure.Destination} (!GetAtt X.Arn), else null. */
  static String onFailureDestination(EventDefinition event) {
    Object destination = SamTemplate.map(SamTemplate.map(event.properties().get("DestinationConfig")).get("OnFailure"))
        .get("Destination");
    return getAttTarget(destination, "Arn");
  }

  /**
   * A base class of ours named for the event type: {@code Schedule} and {@code ScheduleV2} ->
   * Schedule...Handler, {@code SNS} -> Sns...Handler, {@code DynamoDB} -> DynamoDb...Handler.
   */
  private static boolean hasBaseClassNamedFor(String eventType, Class<?> handlerClass) {
    String prefix = String.valueOf(eventType).replaceFirst("V\\d+$", "").toLowerCase(Locale.ROOT);
    for (Class<?> base = handlerClass.getSuperclass(); base != null; base = base.getSuperclass()) {
      String simpleName = base.getSimpleName().toLowerCase(Locale.ROOT);
      if (base.getName().startsWith("com.textinbox.") && simpleName.startsWith(prefix) && simpleName.endsWith("handler")) {
        return true;
      }
    }
    return false;
  }

  /** API Gateway calls an authorizer with its own event; SAM only needs it to be a function of ours. */
  private static List<String> authorizers(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    for (String api : template.resourcesOfType("AWS::Serverless::Api")) {
      Map<String, Object> authorizers = SamTemplate.map(SamTemplate.map(template.properties(api).get("Auth")).get("Authorizers"));
      authorizers.forEach((name, authorizer) -> {
        String where = "API " + api + ", authorizer " + name;
        String functionId = getAttTarget(SamTemplate.map(authorizer).get("FunctionArn"), "Arn");
        FunctionDefinition function = template.functions().stream()
            .filter(f -> f.logicalId().equals(functionId)).findFirst().orElse(null);
        if (function == null) {
          problems.add(where + ": FunctionArn must be !GetAtt <function>.Arn of an AWS::Serverless::Function of "
              + fileName(template) + ", not " + show(SamTemplate.map(authorizer).get("FunctionArn")));
          return;
        }
        try (StartedFunction started = StartedFunction.load(template, function)) {
          if (started.handlerClass == null) {
            problems.add(where + ": cannot check function " + functionId + ": " + started.failure);
          } else if (!supertypeNames(started.handlerClass).contains(REQUEST_STREAM_HANDLER)) {
            problems.add(where + ": function " + functionId + "'s handler " + function.handlerClass()
                + " does not implement " + REQUEST_STREAM_HANDLER);
          }
        }
      });
    }
    return problems;
  }

  // ------------------------------------------------------------------ 4. environment

  /**
   * Each handler starts with the environment the template gives it (Globals merged, intrinsics
   * resolved with fake but well-formed resource values), as on a cold start: a variable the code
   * requires and the template does not set would stop the function in production. Conversely a
   * variable set but never read is stale wiring, and misleads whoever reads the template.
   */
  public static List<String> environment(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    for (FunctionDefinition function : template.functions()) {
      String id = function.logicalId();
      try (StartedFunction started = StartedFunction.start(template, function)) {
        if (started.handlerClass == null) {
          problems.add("function " + id + ": cannot check its environment: " + started.failure);
          continue;
        }
        if (!started.environmentResolved) {
          problems.add("function " + id + ": " + started.failure);
          continue;
        }
        for (String variable : started.missingVariables) {
          boolean blank = function.environment().containsKey(variable);
          problems.add("function " + id + " reads environment variable " + variable + " which " + fileName(template)
              + (blank ? " sets blank" : " does not set") + ": add it to the function's Environment.Variables");
        }
        if (started.handler == null && started.missingVariables.isEmpty()) {
          problems.add("function " + id + ": " + function.handlerClass() + " does not start with the environment "
              + fileName(template) + " gives it: " + started.failure);
        }
        if (started.readNames == null) {
          problems.add("function " + id + ": its jar has no " + ENV + ", so this check cannot see what it reads"
              + " (read configuration through the shared library's Env)");
          continue;
        }
        for (String variable : started.readNames) {
          if (!function.environment().containsKey(variable) && !started.missingVariables.contains(variable)
              && !RUNTIME_VARIABLES.matcher(variable).matches()) {
            problems.add("function " + id + " reads environment variable " + variable + " (optional, with a default in"
                + " the code) which " + fileName(template) + " does not set: set it in the function's"
                + " Environment.Variables, so the template stays the one place the wiring is read from");
          }
        }
        for (String variable : function.environment().keySet()) {
          if (!started.readNames.contains(variable) && !RUNTIME_VARIABLES.matcher(variable).matches()) {
            problems.add("function " + id + ": " + fileName(template) + " sets environment variable " + variable
                + " but its handler never reads it at start (through Env): remove it from the template, or read it"
                + " in the handler's no-argument constructor");
          }
        }
      }
    }
    return problems;
  }

  // ------------------------------------------------------------------ 5. queues

  /**
   * Every queue has a dead-letter queue (principle 5): a message that keeps failing ends there
   * after a few tries, instead of looping or vanishing, and stays 14 days (the SQS maximum) for
   * someone to look at and redrive. A stream event's OnFailure queue counts as a dead-letter queue. Every SNS -> SQS subscription has the queue policy that lets
   * SNS deliver: without it the subscription exists and every message is silently dropped.
   */
  public static List<String> queues(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    List<String> queues = template.resourcesOfType("AWS::SQS::Queue");
    Set<String> deadLetterQueues = new LinkedHashSet<>();
    for (String queue : queues) {
      Object target = SamTemplate.map(template.properties(queue).get("RedrivePolicy")).get("deadLetterTargetArn");
      String dlq = getAttTarget(target, "Arn");
      if (dlq != null) {
        deadLetterQueues.add(dlq);
      }
    }
    // the OnFailure queue of a stream event holds what was given up on, as a DLQ does
    for (FunctionDefinition function : template.functions()) {
      for (EventDefinition event : function.events()) {
        String destination = onFailureDestination(event);
        if (destination != null && queues.contains(destination)) {
          deadLetterQueues.add(destination);
        }
      }
    }
    for (String queue : queues) {
      if (deadLetterQueues.contains(queue)) {
        Object retention = template.properties(queue).get("MessageRetentionPeriod");
        if (!"1209600".equals(String.valueOf(retention))) {
          problems.add("queue " + queue + " is a dead-letter queue (or an OnFailure destination): set MessageRetentionPeriod: 1209600 (14 days,"
              + " the most SQS keeps) so failed messages stay long enough to be looked at; it is " + retention);
        }
        continue;
      }
      Object redrive = template.properties(queue).get("RedrivePolicy");
      if (redrive == null) {
        problems.add("queue " + queue + " has no RedrivePolicy: give it a dead-letter queue (RedrivePolicy:"
            + " {deadLetterTargetArn: !GetAtt <dlq>.Arn, maxReceiveCount: 5}); or, if it is meant to be a"
            + " dead-letter queue, no queue's RedrivePolicy points at it");
        continue;
      }
      Map<String, Object> policy = SamTemplate.map(redrive);
      String dlq = getAttTarget(policy.get("deadLetterTargetArn"), "Arn");
      if (dlq == null || !"AWS::SQS::Queue".equals(typeOrNull(template, dlq))) {
        problems.add("queue " + queue + ": RedrivePolicy.deadLetterTargetArn must be !GetAtt <dlq>.Arn of an"
            + " AWS::SQS::Queue of " + fileName(template) + ", not " + show(policy.get("deadLetterTargetArn")));
      }
      Integer maxReceiveCount = integer(policy.get("maxReceiveCount"));
      if (maxReceiveCount == null || maxReceiveCount < 1 || maxReceiveCount > 10) {
        problems.add("queue " + queue + ": RedrivePolicy.maxReceiveCount must be between 1 and 10 (tries before the"
            + " DLQ); it is " + policy.get("maxReceiveCount"));
      }
    }
    problems.addAll(snsSubscriptions(template));
    return problems;
  }

  private static List<String> snsSubscriptions(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    // AWS::SNS::Subscription resources and the Subscription list inside AWS::SNS::Topic
    List<Map<String, Object>> subscriptions = new ArrayList<>();
    for (String id : template.resourcesOfType("AWS::SNS::Subscription")) {
      subscriptions.add(template.properties(id));
    }
    for (String topic : template.resourcesOfType("AWS::SNS::Topic")) {
      for (Object inline : SamTemplate.list(template.properties(topic).get("Subscription"))) {
        Map<String, Object> subscription = new LinkedHashMap<>(SamTemplate.map(inline));
        subscription.put("TopicArn", Map.of("Ref", topic));
        subscriptions.add(subscription);
      }
    }
    for (Map<String, Object> subscription : subscriptions) {
      if (!"sqs".equals(subscription.get("Protocol"))) {
        continue;
      }
      Object topic = subscription.get("TopicArn");
      String queue = getAttTarget(subscription.get("Endpoint"), "Arn");
      String topicName = Objects.requireNonNullElse(refTarget(topic), String.valueOf(topic));
      if (queue == null || !"AWS::SQS::Queue".equals(typeOrNull(template, queue))) {
        problems.add("SNS subscription of topic " + topicName + ": Endpoint must be !GetAtt <queue>.Arn of an"
            + " AWS::SQS::Queue of " + fileName(template) + ", not " + show(subscription.get("Endpoint")));
      } else if (!queuePolicyAllowsTopic(template, queue, topic)) {
        problems.add("queue " + queue + " is subscribed to topic " + topicName + " but no AWS::SQS::QueuePolicy lets"
            + " that topic send to it: add one with Queues: [!Ref " + queue + "] and a statement Allow, Principal"
            + " {Service: sns.amazonaws.com}, Action sqs:SendMessage, Condition {ArnEquals: {aws:SourceArn: <the"
            + " topic ARN>}}");
      }
    }
    return problems;
  }

  private static boolean queuePolicyAllowsTopic(SamTemplate template, String queue, Object topicArn) {
    for (String id : template.resourcesOfType("AWS::SQS::QueuePolicy")) {
      Map<String, Object> properties = template.properties(id);
      boolean forQueue = SamTemplate.list(properties.get("Queues")).stream()
          .anyMatch(url -> queue.equals(refTarget(url)) || queue.equals(getAttTarget(url, "QueueUrl")));
      if (!forQueue) {
        continue;
      }
      for (Object item : asList(SamTemplate.map(properties.get("PolicyDocument")).get("Statement"))) {
        Map<String, Object> statement = SamTemplate.map(item);
        Map<String, Object> condition = SamTemplate.map(statement.get("Condition"));
        boolean fromTopic = condition.values().stream()
            .map(SamTemplate::map)
            .anyMatch(test -> topicArn.equals(test.get("aws:SourceArn")) || topicArn.equals(test.get("aws:sourceArn")));
        if ("Allow".equals(statement.get("Effect"))
            && asList(statement.get("Action")).contains("sqs:SendMessage")
            && asList(SamTemplate.map(statement.get("Principal")).get("Service")).contains("sns.amazonaws.com")
            && fromTopic) {
          return true;
        }
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ 6. IAM

  /**
   * Least privilege: a function is granted only SAM policy templates, each on a resource of this
   * template that the function is also told about through its environment. Managed policies and
   * inline statements are broader than one resource and escape review; a grant on a resource the
   * function cannot even name is a leftover (except the OnFailure queue of its stream events, which
   * Lambda writes to with the function's role, and must be granted). A function with neither an AWS
   * SDK client nor the SDK's request signer in its jar makes no AWS calls and needs no policy at all.
   */
  public static List<String> iam(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    for (FunctionDefinition function : template.functions()) {
      String id = function.logicalId();
      if (function.properties().get("Role") != null) {
        problems.add("function " + id + ": remove Role; grant permissions through Policies (SAM policy templates) so"
            + " they are reviewed here");
      }
      List<Object> policies = asList(function.properties().get("Policies"));
      Set<String> resourcesInEnvironment = referencedResources(template, function.environment());
      Set<String> onFailureQueues = new LinkedHashSet<>();
      function.events().forEach(event -> {
        String destination = onFailureDestination(event);
        if (destination != null) {
          onFailureQueues.add(destination);
        }
      });
      for (int i = 0; i < policies.size(); i++) {
        problems.addAll(policy(template, id, "function " + id + ", Policies[" + i + "]", policies.get(i), resourcesInEnvironment,
            onFailureQueues));
      }
      for (String queue : onFailureQueues) {
        if (!grantsSendTo(template, policies, queue)) {
          problems.add("function " + id + ": its event source sends the batches it gives up on to " + queue + " with the"
              + " function's role, which may not: add - SQSSendMessagePolicy: {QueueName: !GetAtt " + queue + ".QueueName}");
        }
      }
      if (!policies.isEmpty() && makesNoAwsCalls(template, function)) {
        problems.add("function " + id + ": its jar " + function.codeUri() + " has no AWS SDK client, so it makes no AWS"
            + " calls: remove its Policies");
      }
    }
    return problems;
  }

  /** Whether one of the policies is SQSSendMessagePolicy on the queue. */
  private static boolean grantsSendTo(SamTemplate template, List<Object> policies, String queue) {
    return policies.stream()
        .map(p -> SamTemplate.map(SamTemplate.map(p).get("SQSSendMessagePolicy")).get("QueueName"))
        .anyMatch(name -> queue.equals(resourceReferencedBy(name)));
  }

  /**
   * One policy: a known SAM policy template on a resource of the template that the function can
   * name (its environment refers to it), or that its event source uses with the function's role
   * (an OnFailure queue).
   */
  private static List<String> policy(SamTemplate template, String function, String where, Object policy,
      Set<String> resourcesInEnvironment, Set<String> onFailureQueues) {
    if (policy instanceof String name) {
      return List.of(where + ": managed policy " + name + " is broader than the resources this function uses: use a"
          + " SAM policy template on one resource instead (TemplateChecks.POLICY_TEMPLATES)");
    }
    Map<String, Object> map = SamTemplate.map(policy);
    if (map.containsKey("Statement")) {
      if (map.keySet().stream().allMatch(k -> k.equals("Statement") || k.equals("Version"))
          && ReviewedInlineStatements.matching(function, map.get("Statement")).isPresent()) {
        return List.of(); // reviewed, statement for statement (ReviewedInlineStatements, docs/least-privilege.md)
      }
      return inlineStatements(where, map.get("Statement"));
    }
    if (map.size() != 1) {
      return List.of(where + ": expected a SAM policy template (one key: its name), found " + map.keySet());
    }
    String name = map.keySet().iterator().next();
    PolicyTemplate known = POLICY_TEMPLATES.get(name);
    if (known == null) {
      return List.of(where + ": policy template " + name + " is unknown to this check: if it is the narrowest SAM"
          + " policy template for the job, add it to TemplateChecks.POLICY_TEMPLATES with what it is for");
    }
    List<String> problems = new ArrayList<>();
    Map<String, Object> parameters = SamTemplate.map(map.get(name));
    known.resourceParameters().forEach((parameter, type) -> {
      String resource = resourceReferencedBy(parameters.get(parameter));
      if (resource == null || !type.equals(typeOrNull(template, resource))) {
        problems.add(where + ": " + name + "." + parameter + " must be !Ref or !GetAtt of an " + type + " of "
            + fileName(template) + ", not " + show(parameters.get(parameter)));
      } else if (!resourcesInEnvironment.contains(resource) && !onFailureQueues.contains(resource)) {
        problems.add(where + ": " + name + " allows the function on " + resource + ", but none of its environment"
            + " variables refers to " + resource + ": a function that cannot find a resource has no business being"
            + " allowed on it (remove the policy, or pass the resource in Environment.Variables)");
      }
    });
    return problems;
  }

  private static List<String> inlineStatements(String where, Object statements) {
    List<String> problems = new ArrayList<>();
    for (Object item : asList(statements)) {
      Map<String, Object> statement = SamTemplate.map(item);
      if ("Deny".equals(statement.get("Effect"))) {
        continue; // grants nothing
      }
      List<String> reasons = new ArrayList<>();
      if (asList(statement.get("Resource")).contains("*")) {
        reasons.add("Resource '*' allows every resource of the account");
      }
      for (Object action : asList(statement.get("Action"))) {
        if (String.valueOf(action).endsWith("*")) {
          reasons.add("action '" + action + "' allows every action it matches, present and future");
        }
      }
      reasons.add("grant through a SAM policy template on one resource of the template instead"
          + " (TemplateChecks.POLICY_TEMPLATES); only where IAM has no resource to scope a right to, an inline policy"
          + " reviewed statement for statement in ReviewedInlineStatements");
      problems.add(where + ": inline statement " + show(statement.get("Action")) + " on " + show(statement.get("Resource")) + ": "
          + String.join("; ", reasons));
    }
    return problems;
  }

  private static boolean makesNoAwsCalls(SamTemplate template, FunctionDefinition function) {
    Path jar = template.baseDir().resolve(String.valueOf(function.codeUri()));
    if (!Files.isRegularFile(jar)) {
      return false; // the handlers check reports it
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      // a service client, or the SigV4 signer for signed HTTP calls (the OpenSearch domain)
      return file.stream().noneMatch(entry -> entry.getName().startsWith("software/amazon/awssdk/services/")
          || entry.getName().startsWith("software/amazon/awssdk/http/auth/aws/signer/"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------ small helpers

  /** Every class and interface the class is or inherits, by name (jar classes are not the test's). */
  static Set<String> supertypeNames(Class<?> type) {
    Set<String> names = new LinkedHashSet<>();
    List<Class<?>> todo = new ArrayList<>(List.of(type));
    while (!todo.isEmpty()) {
      Class<?> next = todo.removeFirst();
      if (next != null && names.add(next.getName())) {
        todo.add(next.getSuperclass());
        todo.addAll(List.of(next.getInterfaces()));
      }
    }
    return names;
  }

  /** X of {@code !Ref X}, else null. */
  static String refTarget(Object value) {
    Object target = SamTemplate.map(value).get("Ref");
    return target instanceof String text ? text : null;
  }

  /** X of {@code !GetAtt X.attribute}, else null. */
  static String getAttTarget(Object value, String attribute) {
    List<Object> parts = SamTemplate.list(SamTemplate.map(value).get("Fn::GetAtt"));
    return parts.size() == 2 && attribute.equals(parts.get(1)) && parts.get(0) instanceof String id ? id : null;
  }

  /** A template value as it is written in YAML: {@code !Ref X}, {@code !GetAtt X.Arn}, else as it is. */
  static String show(Object value) {
    String ref = refTarget(value);
    List<Object> getAtt = SamTemplate.list(SamTemplate.map(value).get("Fn::GetAtt"));
    if (ref != null) {
      return "!Ref " + ref;
    }
    return getAtt.size() == 2 ? "!GetAtt " + getAtt.get(0) + "." + getAtt.get(1) : String.valueOf(value);
  }

  /** X of {@code !Ref X} or {@code !GetAtt X.anything}, else null. */
  private static String resourceReferencedBy(Object value) {
    String ref = refTarget(value);
    if (ref != null) {
      return ref;
    }
    List<Object> parts = SamTemplate.list(SamTemplate.map(value).get("Fn::GetAtt"));
    return parts.isEmpty() ? null : String.valueOf(parts.get(0));
  }

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!.]+)[^}]*}");

  /** Resources of the template that a value refers to anywhere inside (Ref, GetAtt, Sub). */
  static Set<String> referencedResources(SamTemplate template, Object value) {
    Set<String> names = new LinkedHashSet<>();
    collectReferences(value, names);
    names.removeIf(name -> typeOrNull(template, name) == null); // parameters, pseudo parameters
    return names;
  }

  private static void collectReferences(Object value, Set<String> names) {
    if (value instanceof Map<?, ?> map) {
      if (map.size() == 1) {
        Object inner = map.values().iterator().next();
        switch (String.valueOf(map.keySet().iterator().next())) {
          case "Ref" -> names.add(String.valueOf(inner));
          case "Fn::GetAtt" -> SamTemplate.list(inner).stream().findFirst().ifPresent(id -> names.add(String.valueOf(id)));
          case "Fn::Sub" -> {
            Matcher matcher = SUB_VARIABLE.matcher(String.valueOf(inner instanceof List<?> list ? list.getFirst() : inner));
            while (matcher.find()) {
              names.add(matcher.group(1).trim());
            }
          }
          default -> { }
        }
      }
      map.values().forEach(inner -> collectReferences(inner, names));
    } else if (value instanceof Collection<?> items) {
      items.forEach(item -> collectReferences(item, names));
    }
  }

  static String typeOrNull(SamTemplate template, String id) {
    return id == null ? null : (String) SamTemplate.map(template.resources().get(id)).get("Type");
  }

  /** A policy's Action / Resource / Statement: one value or a list of them. */
  private static List<Object> asList(Object value) {
    return value == null ? List.of() : value instanceof List<?> ? SamTemplate.list(value) : List.of(value);
  }

  private static Integer integer(Object value) {
    try {
      return value == null ? null : Integer.valueOf(String.valueOf(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String fileName(SamTemplate template) {
    return String.valueOf(template.file().getFileName());
  }
}
