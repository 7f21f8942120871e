package com.textinbox.localcloud.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.localcloud.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison of calls measured with policy templates granted, on small templates. */
class LeastPrivilegeTest {
  @TempDir
  Path temp;

  /** A template with one function Fn, the given Policies (YAML list items) and an SQS event. */
  private SamTemplate withPolicies(String... policies) throws IOException {
    StringBuilder yaml = new StringBuilder("""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
          Files:
            Type: AWS::S3::Bucket
          Jobs:
            Type: AWS::SQS::Queue
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B::handleRequest
              CodeUri: fn.jar
              Events:
                Work:
                  Type: SQS
                  Properties:
                    Queue: !GetAtt Jobs.Arn
              Policies:
        """);
    for (String policy : policies) {
      yaml.append("        - ").append(policy).append('\n');
    }
    if (policies.length == 0) {
      yaml.append("        []\n");
    }
    Path file = temp.resolve("template.yaml");
    Files.writeString(file, yaml.toString());
    return SamTemplate.load(file);
  }

  private static List<String> problems(SamTemplate template, String... called) {
    return LeastPrivilege.check(template, Map.of("Fn", List.of(called)), Set.of("Fn"), LeastPrivilege.MEASURED_SERVICES).problems();
  }

  private static void assertReported(List<String> problems, String... fragments) {
    assertTrue(problems.stream().anyMatch(p -> Arrays.stream(fragments).allMatch(p::contains)),
        "expected a problem with " + Arrays.toString(fragments) + "; found:\n  - " + String.join("\n  - ", problems));
  }

  /** SmsSender with its reviewed inline policy (ReviewedInlineStatements), as template.yaml writes it, plus {@code extra}. */
  private SamTemplate smsSender(String statements) throws IOException {
    Path file = temp.resolve("template.yaml");
    Files.writeString(file, """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          SmsSender:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B::handleRequest
              CodeUri: fn.jar
              Policies:
                - Statement:
        """ + statements);
    return SamTemplate.load(file);
  }

  private static final String REVIEWED = """
                    - Sid: TextPhoneNumbers
                      Effect: Allow
                      Action: sns:Publish
                      Resource: "*"
                    - Sid: NeverPublishToSnsResources
                      Effect: Deny
                      Action: sns:Publish
                      Resource: !Sub "arn:${AWS::Partition}:sns:*:*:*"
        """;

  private static List<String> problemsOf(SamTemplate template, String function, String... called) {
    return LeastPrivilege.check(template, Map.of(function, List.of(called)), Set.of(function), LeastPrivilege.MEASURED_SERVICES)
        .problems();
  }

  @Test
  void aReviewedInlinePolicyGrantsItsAllowedActionsAndIsMeasuredLikeATemplate() throws IOException {
    SamTemplate template = smsSender(REVIEWED);
    assertEquals(List.of(), problemsOf(template, "SmsSender", "sns:Publish"));
    assertReported(problemsOf(template, "SmsSender", "sns:Publish", "sns:CreateTopic"), "SmsSender called sns:CreateTopic");
    assertReported(problemsOf(template, "SmsSender"), "reviewed inline statements [TextPhoneNumbers, NeverPublishToSnsResources]",
        "grants nothing");
  }

  @Test
  void anInlinePolicyThatDiffersFromTheReviewedOneIsNotMeasurable() throws IOException {
    SamTemplate withoutTheDeny = smsSender(REVIEWED.substring(0, REVIEWED.indexOf("            - Sid: NeverPublish")));
    assertReported(problemsOf(withoutTheDeny, "SmsSender", "sns:Publish"), "SmsSender: Policies[0] is not a SAM policy template");
  }

  @Test
  void exactlyWhatIsCalledPasses() throws IOException {
    SamTemplate template = withPolicies("DynamoDBReadPolicy: {TableName: !Ref Table}", "DynamoDBWritePolicy: {TableName: !Ref Table}");
    assertEquals(List.of(), problems(template, "dynamodb:GetItem", "dynamodb:PutItem"));
  }

  @Test
  void aCallNoTemplateGrantsIsReportedWithTheTemplateThatWouldCoverIt() throws IOException {
    List<String> problems = problems(withPolicies("DynamoDBReadPolicy: {TableName: !Ref Table}"), "dynamodb:GetItem", "dynamodb:DeleteItem");
    assertReported(problems, "Fn called dynamodb:DeleteItem", "AccessDenied", "DynamoDBCrudPolicy");
    assertReported(problems(withPolicies("DynamoDBReadPolicy: {TableName: !Ref Table}"), "dynamodb:GetItem", "sns:Publish"),
        "Fn called sns:Publish", "SNSPublishMessagePolicy");
    assertReported(problems(withPolicies(), "kinesis:PutRecord"), "Fn called kinesis:PutRecord", "No SAM policy template known");
  }

  @Test
  void aTemplateGrantingNothingCalledIsReported() throws IOException {
    List<String> problems = problems(withPolicies("DynamoDBReadPolicy: {TableName: !Ref Table}", "S3ReadPolicy: {BucketName: !Ref Files}"),
        "dynamodb:Query");
    assertReported(problems, "Fn: Policies[1] S3ReadPolicy (BucketName: !Ref Files) grants nothing", "remove it");
    assertEquals(1, problems.size(), String.join("\n", problems));
  }

  @Test
  void aPollerPolicyOnTheEventQueueSaysSamAlreadyGrantsIt() throws IOException {
    List<String> problems = problems(withPolicies("SQSPollerPolicy: {QueueName: !GetAtt Jobs.QueueName}"));
    assertReported(problems, "SQSPollerPolicy", "grants nothing", "AWSLambdaSQSQueueExecutionRole");
  }

  @Test
  void crudWhereOnlyReadsWereMadeShouldBeRead() throws IOException {
    List<String> problems = problems(withPolicies("DynamoDBCrudPolicy: {TableName: !Ref Table}"), "dynamodb:GetItem", "dynamodb:Query");
    assertReported(problems, "Fn: DynamoDBCrudPolicy (TableName: !Ref Table) grants more", "use DynamoDBReadPolicy (TableName: !Ref Table)");
    assertEquals(1, problems.size(), String.join("\n", problems));
  }

  @Test
  void crudWhereReadsAndPutsWereMadeShouldBeReadPlusWrite() throws IOException {
    List<String> problems = problems(withPolicies("DynamoDBCrudPolicy: {TableName: !Ref Table}"), "dynamodb:GetItem", "dynamodb:PutItem");
    assertReported(problems, "use DynamoDBReadPolicy + DynamoDBWritePolicy", "without dynamodb:ConditionCheckItem, dynamodb:DeleteItem");
  }

  @Test
  void crudIsRightWhenADeleteWasMade() throws IOException {
    assertEquals(List.of(), problems(withPolicies("DynamoDBCrudPolicy: {TableName: !Ref Table}"), "dynamodb:GetItem", "dynamodb:DeleteItem"));
    assertEquals(List.of(), problems(withPolicies("S3CrudPolicy: {BucketName: !Ref Files}"), "s3:GetObject", "s3:DeleteObject"));
  }

  @Test
  void s3CrudWhereOnlyPutsWereMadeShouldBeWrite() throws IOException {
    assertReported(problems(withPolicies("S3CrudPolicy: {BucketName: !Ref Files}"), "s3:PutObject"), "use S3WritePolicy");
  }

  @Test
  void wildcardsOfTemplatesMatch() throws IOException {
    assertEquals(List.of(), problems(withPolicies("SQSSendMessagePolicy: {QueueName: !GetAtt Jobs.QueueName}"), "sqs:SendMessage"));
  }

  @Test
  void aFunctionNeverInvokedIsReportedAsNeedingAnEndToEndTest() throws IOException {
    SamTemplate template = withPolicies("DynamoDBReadPolicy: {TableName: !Ref Table}");
    LeastPrivilege.Report report = LeastPrivilege.check(template, Map.of(), Set.of(), LeastPrivilege.MEASURED_SERVICES);
    assertReported(report.problems(), "Fn: never invoked", "add an end-to-end test");
    assertTrue(report.table().contains("| Fn | (never invoked) | DynamoDBReadPolicy (TableName: !Ref Table) |"), report.table());
  }

  @Test
  void templatesUnknownHereOrNotMeasurableAreReportedNotTrusted() throws IOException {
    assertReported(problems(withPolicies("AWSSecretsManagerGetSecretValuePolicy: {SecretArn: x}")),
        "AWSSecretsManagerGetSecretValuePolicy is unknown to SamPolicyTemplates");
    // a service the recorder does not see (here: pretend OpenSearch is not routed) is reported, not trusted
    assertReported(LeastPrivilege.check(withPolicies("ElasticsearchHttpPostPolicy: {DomainName: d}"), Map.of("Fn", List.of()),
            Set.of("Fn"), Set.of("dynamodb", "sqs", "s3", "sns", "ses")).problems(),
        "ElasticsearchHttpPostPolicy cannot be measured", "es calls");
    assertReported(problems(withPolicies("AmazonDynamoDBFullAccess"), "dynamodb:GetItem"), "Policies[0] is not a SAM policy template");
  }

  /** LiveConnections with its reviewed inline statement (ReviewedInlineStatements), as template.yaml has it. */
  private SamTemplate liveConnections(String resource) throws IOException {
    Path file = temp.resolve("live.yaml");
    Files.writeString(file, """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          LiveApi:
            Type: AWS::ApiGatewayV2::Api
          LiveConnections:
            Type: AWS::Serverless::Function
            Properties:
              Handler: a.B::handleRequest
              CodeUri: fn.jar
              Policies:
                - Statement:
                    - Sid: PostToLiveConnections
                      Effect: Allow
                      Action: execute-api:ManageConnections
                      Resource: !Sub "%s"
        """.formatted(resource));
    return SamTemplate.load(file);
  }

  @Test
  void aReviewedInlineStatementIsMeasuredLikeATemplate() throws IOException {
    String reviewed = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${LiveApi}/${Stage}/POST/@connections/*";
    SamTemplate template = liveConnections(reviewed);
    assertEquals(List.of(), LeastPrivilege.check(template, Map.of("LiveConnections", List.of("execute-api:ManageConnections")),
        Set.of("LiveConnections"), LeastPrivilege.MEASURED_SERVICES).problems());
    assertReported(LeastPrivilege.check(template, Map.of("LiveConnections", List.of()), Set.of("LiveConnections"),
        LeastPrivilege.MEASURED_SERVICES).problems(), "reviewed inline statements [PostToLiveConnections]", "grants nothing");

    SamTemplate widened = liveConnections(reviewed.replace("/POST/", "/*/"));
    assertReported(LeastPrivilege.check(widened, Map.of("LiveConnections", List.of("execute-api:ManageConnections")),
        Set.of("LiveConnections"), LeastPrivilege.MEASURED_SERVICES).problems(), "is not a SAM policy template",
        "ReviewedInlineStatements");
  }

  @Test
  void theSmallestCoverGrantsTheFewestActions() {
    List<SamPolicyTemplates.Template> dynamo = SamPolicyTemplates.family(SamPolicyTemplates.DYNAMODB_TABLE);
    assertEquals(List.of("DynamoDBWritePolicy"), names(LeastPrivilege.smallestCover(dynamo, Set.of("dynamodb:PutItem"))));
    assertEquals(List.of("DynamoDBCrudPolicy"), names(LeastPrivilege.smallestCover(dynamo, Set.of("dynamodb:DeleteItem"))));
    assertEquals(List.of("DynamoDBReadPolicy", "DynamoDBWritePolicy"),
        names(LeastPrivilege.smallestCover(dynamo, Set.of("dynamodb:Query", "dynamodb:UpdateItem"))));
    assertFalse(SamPolicyTemplates.named("SQSSendMessagePolicy").orElseThrow().grants("sqs:ReceiveMessage"));
    assertTrue(SamPolicyTemplates.named("SQSSendMessagePolicy").orElseThrow().grants("SQS:sendmessagebatch"));
  }

  private static List<String> names(List<SamPolicyTemplates.Template> templates) {
    return templates.stream().map(SamPolicyTemplates.Template::name).toList();
  }
}
