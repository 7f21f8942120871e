package com.textinbox.localcloud.recording;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the SAM policy templates this project may use grant, as IAM actions: those of the AWS SAM
 * translator's definitions, {@code samtranslator/policy_templates_data/policy_templates.json} of
 * github.com/aws/serverless-application-model (read at commit 7000d0a3b0e5, May 2026). Only the
 * templates listed here, and only their actions: each template scopes them to the one resource its
 * parameter names (a table and its indexes, a queue, a topic, a bucket and its objects, an SES
 * identity, an OpenSearch domain), which TemplateChecks checks statically.
 *
 * <p>Templates of one family act on the same kind of resource, so one may stand in for another:
 * the least-privilege test looks there for a smaller one that covers what a function called.
 */
public final class SamPolicyTemplates {
  /** A SAM policy template: its family (the kind of resource), its resource parameter, the actions it allows. */
  public record Template(String name, String family, String resourceParameter, List<String> actions) {
    /** Whether the template allows the action (IAM action names are case-insensitive; {@code *} is a wildcard). */
    public boolean grants(String action) {
      return actions.stream().anyMatch(granted -> matches(granted, action));
    }

    /** The IAM service prefix of its actions ({@code dynamodb}, {@code sqs}, ...). */
    public String service() {
      return actions.getFirst().substring(0, actions.getFirst().indexOf(':'));
    }
  }

  public static final String DYNAMODB_TABLE = "DynamoDB table";
  public static final String SQS_QUEUE = "SQS queue";
  public static final String SNS_TOPIC = "SNS topic";
  public static final String SES_IDENTITY = "SES identity";
  public static final String S3_BUCKET = "S3 bucket";
  public static final String OPENSEARCH_DOMAIN = "OpenSearch domain";

  private static final Map<String, Template> TEMPLATES = new LinkedHashMap<>();

  static {
    add("DynamoDBReadPolicy", DYNAMODB_TABLE, "TableName",
        "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable");
    add("DynamoDBWritePolicy", DYNAMODB_TABLE, "TableName",
        "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem");
    add("DynamoDBCrudPolicy", DYNAMODB_TABLE, "TableName",
        "dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query",
        "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:DescribeTable",
        "dynamodb:ConditionCheckItem");
    add("SQSSendMessagePolicy", SQS_QUEUE, "QueueName",
        "sqs:SendMessage*");
    add("SQSPollerPolicy", SQS_QUEUE, "QueueName",
        "sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage",
        "sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage");
    add("SNSPublishMessagePolicy", SNS_TOPIC, "TopicName",
        "sns:Publish");
    add("SESSendBouncePolicy", SES_IDENTITY, "IdentityName",
        "ses:SendBounce");
    add("SESCrudPolicy", SES_IDENTITY, "IdentityName",
        "ses:GetIdentityVerificationAttributes", "ses:SendEmail", "ses:SendRawEmail", "ses:VerifyEmailIdentity");
    add("SESBulkTemplatedCrudPolicy", SES_IDENTITY, "IdentityName",
        "ses:GetIdentityVerificationAttributes", "ses:SendEmail", "ses:SendRawEmail", "ses:SendTemplatedEmail",
        "ses:SendBulkTemplatedEmail", "ses:VerifyEmailIdentity");
    add("S3ReadPolicy", S3_BUCKET, "BucketName",
        "s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion", "s3:GetLifecycleConfiguration");
    add("S3WritePolicy", S3_BUCKET, "BucketName",
        "s3:PutObject", "s3:PutObjectAcl", "s3:PutLifecycleConfiguration");
    add("S3CrudPolicy", S3_BUCKET, "BucketName",
        "s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion", "s3:PutObject",
        "s3:PutObjectAcl", "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration", "s3:DeleteObject");
    add("ElasticsearchHttpPostPolicy", OPENSEARCH_DOMAIN, "DomainName",
        "es:ESHttpPost", "es:ESHttpPut");
  }

  /**
   * What SAM adds to a function's role by itself for a pull event source: the AWS managed policy of
   * the event source mapping (samtranslator/model/eventsources/pull.py). Lambda's poller uses these
   * rights, not the function's code; locally the local cloud's own pollers, which reach the engines
   * directly, so the recorder never notes them against the function. Note that these managed
   * policies allow their actions on every resource ("*"), and that the SQS one has no
   * ChangeMessageVisibility: the poller does not need it.
   */
  public static final Map<String, List<String>> EVENT_SOURCE_ACTIONS = Map.of(
      "SQS", List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),   // AWSLambdaSQSQueueExecutionRole
      "DynamoDB", List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
          "dynamodb:ListStreams"));                                                              // AWSLambdaDynamoDBExecutionRole

  private SamPolicyTemplates() {}

  private static void add(String name, String family, String resourceParameter, String... actions) {
    TEMPLATES.put(name, new Template(name, family, resourceParameter, List.of(actions)));
  }

  public static Optional<Template> named(String name) {
    return Optional.ofNullable(TEMPLATES.get(name));
  }

  /** Every template known here, in the order above. */
  public static List<Template> all() {
    return List.copyOf(TEMPLATES.values());
  }

  /** The templates of a family, in the order above. */
  public static List<Template> family(String family) {
    return TEMPLATES.values().stream().filter(t -> t.family().equals(family)).toList();
  }

  /** The actions granted by any of the templates, without repeats (a wildcard counts once). */
  public static Set<String> actionsOf(java.util.Collection<Template> templates) {
    Set<String> actions = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    templates.forEach(t -> actions.addAll(t.actions()));
    return actions;
  }

  /** IAM matching of an action against a granted pattern: case-insensitive, {@code *} and {@code ?} wildcards. */
  static boolean matches(String granted, String action) {
    if (!granted.contains("*") && !granted.contains("?")) {
      return granted.equalsIgnoreCase(action);
    }
    StringBuilder regex = new StringBuilder();
    for (char c : granted.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(action.toLowerCase(Locale.ROOT)).matches();
  }
}
