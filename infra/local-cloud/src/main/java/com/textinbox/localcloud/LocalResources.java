package com.textinbox.localcloud;

import com.textinbox.localcloud.recording.AwsCallRecorder;
import com.textinbox.localcloud.template.Intrinsics;
import com.textinbox.localcloud.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each template resource is called here, answering {@code Ref} and {@code Fn::GetAtt} as
 * CloudFormation would, but pointing at the local engines: a queue's Ref is its ElasticMQ URL, the
 * user pool's ProviderURL is the local token issuer, the search domain's endpoint is the local
 * OpenSearch.
 */
public final class LocalResources implements Intrinsics.Resources {
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = "000000000000";
  /** The one key pair of this machine's engines: every IAM access key of the template is this one here (S3Proxy checks none). */
  public static final String ACCESS_KEY = "local";
  public static final String SECRET_KEY = "local-secret";
  public static final String USER_POOL_ID = REGION + "_localpool";
  public static final String USER_POOL_CLIENT_ID = "local-web-client";
  public static final String API_ID = "localapi";
  /** The id of the template's WebSocket API (AWS::ApiGatewayV2::Api) here. */
  public static final String LIVE_API_ID = "localws";
  /** What the Management API endpoint of a function's environment looks like on AWS: https://<api>.execute-api.<region>.amazonaws.com/<stage>. */
  private static final java.util.regex.Pattern MANAGEMENT_ENDPOINT =
      java.util.regex.Pattern.compile("https://" + LIVE_API_ID + "\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com/([^/]+)/?");

  private final SamTemplate template;
  private final Endpoints endpoints;
  private final Intrinsics intrinsics;
  private final AwsCallRecorder recorder;

  /** Where the engines and servers listen. */
  public record Endpoints(String dynamoDb, String sqs, String s3, String sns, String ses, String openSearch, String control, String api,
      String live, javax.net.ssl.SSLContext tls, String caBundle) {}

  /** Functions reach the engines directly. */
  public LocalResources(SamTemplate template, Endpoints endpoints) {
    this(template, Map.of(), endpoints, null);
  }

  /** Functions reach the engines through the recorder, which notes what each calls (docs/least-privilege.md). */
  public LocalResources(SamTemplate template, Endpoints endpoints, AwsCallRecorder recorder) {
    this(template, Map.of(), endpoints, recorder);
  }

  /** With parameter values given, as {@code sam deploy --parameter-overrides} does (the rest: defaults). */
  public LocalResources(SamTemplate template, Map<String, String> parameterOverrides, Endpoints endpoints, AwsCallRecorder recorder) {
    this.template = template;
    this.endpoints = endpoints;
    this.recorder = recorder;
    Map<String, String> parameters = new LinkedHashMap<>(template.parameterDefaults());
    parameters.putAll(parameterOverrides);
    parameters.put("AWS::Region", REGION);
    parameters.put("AWS::AccountId", ACCOUNT);
    parameters.put("AWS::StackName", "textinbox-local");
    parameters.put("AWS::Partition", "aws");
    parameters.put("AWS::URLSuffix", "amazonaws.com");
    parameters.put("AWS::NoValue", "");
    this.intrinsics = new Intrinsics(parameters, this, template.conditions());
  }

  /**
   * Whether CloudFormation would create the resource: no {@code Condition}, or its condition true
   * with the parameters here (the alarm topic's email subscription exists only when AlarmEmail is set).
   */
  public boolean created(String logicalId) {
    Object condition = template.resource(logicalId).get("Condition");
    return condition == null || intrinsics.condition(condition.toString());
  }

  public String resolve(Object value) {
    return intrinsics.resolve(value);
  }

  public SamTemplate template() {
    return template;
  }

  /** The physical name: the resource's own name property, else a generated one as CloudFormation does. */
  public String name(String logicalId) {
    Map<String, Object> properties = template.properties(logicalId);
    String property = switch (template.typeOf(logicalId)) {
      case "AWS::SQS::Queue" -> "QueueName";
      case "AWS::DynamoDB::Table" -> "TableName";
      case "AWS::S3::Bucket" -> "BucketName";
      case "AWS::SNS::Topic" -> "TopicName";
      case "AWS::OpenSearchService::Domain" -> "DomainName";
      case "AWS::Serverless::Function" -> "FunctionName";
      case "AWS::SES::EmailIdentity" -> "EmailIdentity";
      default -> null;
    };
    Object value = property == null ? null : properties.get(property);
    return value != null ? resolve(value) : "textinbox-local-" + logicalId;
  }

  public String queueUrl(String logicalId) {
    return endpoints.sqs() + "/" + ACCOUNT + "/" + name(logicalId);
  }

  public String arn(String logicalId) {
    String name = name(logicalId);
    return switch (template.typeOf(logicalId)) {
      case "AWS::SQS::Queue" -> "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
      case "AWS::SNS::Topic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + name;
      case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
      case "AWS::S3::Bucket" -> "arn:aws:s3:::" + name;
      case "AWS::Serverless::Function" -> "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
      case "AWS::Cognito::UserPool" -> "arn:aws:cognito-idp:" + REGION + ":" + ACCOUNT + ":userpool/" + USER_POOL_ID;
      case "AWS::OpenSearchService::Domain" -> "arn:aws:es:" + REGION + ":" + ACCOUNT + ":domain/" + name;
      default -> "arn:aws:local:" + REGION + ":" + ACCOUNT + ":" + logicalId;
    };
  }

  /** The local token issuer, standing in for https://cognito-idp.REGION.amazonaws.com/POOL_ID. */
  public String issuer() {
    return endpoints.control() + "/cognito/" + USER_POOL_ID;
  }

  @Override
  public String ref(String logicalId) {
    if (!template.resources().containsKey(logicalId)) {
      throw new IllegalArgumentException("Ref to unknown resource or parameter " + logicalId);
    }
    return switch (template.typeOf(logicalId)) {
      case "AWS::SQS::Queue" -> queueUrl(logicalId);
      case "AWS::SNS::Topic" -> arn(logicalId);
      case "AWS::Cognito::UserPool" -> USER_POOL_ID;
      case "AWS::Cognito::UserPoolClient" -> USER_POOL_CLIENT_ID;
      case "AWS::Serverless::Api" -> API_ID;
      case "AWS::IAM::AccessKey" -> ACCESS_KEY;
      case "AWS::ApiGatewayV2::Api" -> LIVE_API_ID;
      case "AWS::ApiGatewayV2::Integration", "AWS::ApiGatewayV2::Authorizer", "AWS::ApiGatewayV2::Route",
          "AWS::ApiGatewayV2::Stage" -> logicalId;
      default -> name(logicalId);
    };
  }

  @Override
  public String getAtt(String logicalId, String attribute) {
    if (!template.resources().containsKey(logicalId)) {
      throw new IllegalArgumentException("GetAtt of unknown resource " + logicalId);
    }
    String type = template.typeOf(logicalId);
    return switch (type + "." + attribute) {
      case "AWS::SQS::Queue.Arn", "AWS::SNS::Topic.TopicArn", "AWS::DynamoDB::Table.Arn",
          "AWS::S3::Bucket.Arn", "AWS::Serverless::Function.Arn", "AWS::Cognito::UserPool.Arn",
          "AWS::OpenSearchService::Domain.Arn", "AWS::OpenSearchService::Domain.DomainArn" -> arn(logicalId);
      case "AWS::SQS::Queue.QueueName", "AWS::SNS::Topic.TopicName" -> name(logicalId);
      case "AWS::SQS::Queue.QueueUrl" -> queueUrl(logicalId);
      case "AWS::DynamoDB::Table.StreamArn" -> arn(logicalId) + "/stream/local";
      case "AWS::Cognito::UserPool.ProviderURL" -> issuer();
      case "AWS::Cognito::UserPool.ProviderName" -> issuer().replaceFirst("^https?://", "");
      // a host name reached over https, on AWS and here (the local OpenSearch's TLS front)
      case "AWS::OpenSearchService::Domain.DomainEndpoint" -> endpoints.openSearch();
      case "AWS::S3::Bucket.DomainName", "AWS::S3::Bucket.RegionalDomainName" -> endpoints.s3().replaceFirst("^https?://", "");
      // on AWS wss://<api>.execute-api.<region>.amazonaws.com; here the local WebSocket API
      case "AWS::ApiGatewayV2::Api.ApiEndpoint" -> endpoints.live().replaceFirst("^http", "ws");
      case "AWS::ApiGatewayV2::Api.ApiId" -> LIVE_API_ID;
      case "AWS::IAM::AccessKey.SecretAccessKey" -> SECRET_KEY;
      default -> throw new IllegalArgumentException("Fn::GetAtt " + logicalId + "." + attribute + " is not supported locally");
    };
  }

  /**
   * The environment a function gets: the template's variables, resolved, plus what Lambda itself
   * sets and the endpoints of the local engines (the SDK inside the function reads them). With a
   * recorder, every service endpoint is the function's own port of the recorder, which passes each
   * call on to its engine.
   */
  private static final java.util.regex.Pattern SECRET_REFERENCE =
      java.util.regex.Pattern.compile("\\{\\{resolve:secretsmanager:([^:}]+):SecretString(?::([^:}]+))?}}");
  private final Map<String, String> secrets = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A Secrets Manager dynamic reference ({@code {{resolve:secretsmanager:<secret>:SecretString[:<json key>]}}},
   * which CloudFormation resolves at deploy): a secret whose template gives its SecretString is that
   * string (the download link signer's key pair, docs/decisions.md 53), a generated one a random
   * secret of this run, the same for every function (the cursor key, decision 55); with a JSON key,
   * that field of the string. Any other value as it is.
   */
  String secretOf(String value) {
    java.util.regex.Matcher reference = SECRET_REFERENCE.matcher(value);
    if (!reference.matches()) {
      return value;
    }
    String secret = secrets.computeIfAbsent(reference.group(1), this::secretString);
    if (reference.group(2) == null) {
      return secret;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode field = new com.fasterxml.jackson.databind.ObjectMapper().readTree(secret).get(reference.group(2));
      if (field == null) {
        throw new IllegalArgumentException("secret " + reference.group(1) + " has no field " + reference.group(2));
      }
      return field.asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("secret " + reference.group(1) + " is not JSON, yet " + value + " reads a field of it", e);
    }
  }

  private String secretString(String secretName) {
    String logicalId = template.resources().keySet().stream().filter(id -> "AWS::SecretsManager::Secret".equals(template.typeOf(id))
        && name(id).equals(secretName)).findFirst().orElse(null);
    Object given = logicalId == null ? null : template.properties(logicalId).get("SecretString");
    if (given != null) {
      return resolve(given);
    }
    byte[] random = new byte[36];
    new java.security.SecureRandom().nextBytes(random);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  public Map<String, String> environmentOf(SamTemplate.FunctionDefinition function) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("AWS_REGION", REGION);
    environment.put("AWS_DEFAULT_REGION", REGION);
    environment.put("AWS_LAMBDA_FUNCTION_NAME", name(function.logicalId()));
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.properties().getOrDefault("MemorySize", 1024)));
    String recorded = recorder == null ? null : recorder.endpoint(function.logicalId());
    environment.put("AWS_ENDPOINT_URL_DYNAMODB", recorded != null ? recorded : endpoints.dynamoDb());
    environment.put("AWS_ENDPOINT_URL_SQS", recorded != null ? recorded : endpoints.sqs());
    environment.put("AWS_ENDPOINT_URL_S3", recorded != null ? recorded : endpoints.s3());
    environment.put("AWS_ENDPOINT_URL_SNS", recorded != null ? recorded : endpoints.sns());
    environment.put("AWS_ENDPOINT_URL_SES", recorded != null ? recorded : endpoints.ses());
    environment.put("AWS_ENDPOINT_URL_SESV2", recorded != null ? recorded : endpoints.ses());
    // the certificate of the search domain's local TLS front, trusted as a CA bundle (shared TrustBundle)
    if (endpoints.caBundle() != null) {
      environment.put("AWS_CA_BUNDLE", endpoints.caBundle());
    }
    function.environment().forEach((name, value) -> {
      String resolved = resolve(value);
      // the search domain is reached by its host, not an AWS_ENDPOINT_URL_*: route it through the recorder too, over TLS
      if (recorded != null && resolved.equals(endpoints.openSearch())) {
        resolved = recorder.tlsEndpoint(function.logicalId(), endpoints.tls());
      }
      // the WebSocket API's Management API: the local WebSocket API serves it, behind the recorder
      java.util.regex.Matcher management = MANAGEMENT_ENDPOINT.matcher(resolved);
      if (management.matches()) {
        resolved = (recorded != null ? recorded : endpoints.live()) + "/" + management.group(1);
      }
      environment.put(name, secretOf(resolved));
    });
    return environment;
  }

  /**
   * The function's AWS endpoint behind TLS ({@code https://127.0.0.1:PORT}: the same recording and
   * forwarding as the http one its environment names), or null without a recorder or a
   * certificate. For the cold-start bench: on AWS every SDK call goes over https, so its first
   * call pays a TLS handshake, and the bench's functions and peer should too.
   */
  public String tlsEndpointOf(String logicalId) {
    return recorder == null || endpoints.tls() == null ? null : "https://" + recorder.tlsEndpoint(logicalId, endpoints.tls());
  }
}
