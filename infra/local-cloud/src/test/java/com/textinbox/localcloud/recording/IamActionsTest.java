package com.textinbox.localcloud.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Requests as the SDK writes them, and the IAM actions AWS would check for each. */
class IamActionsTest {
  private static List<String> actions(String service, String method, String path, String query, Map<String, String> headers, String body) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    headers.forEach((name, value) -> multi.put(name, List.of(value)));
    return IamActions.of(new IamActions.Request(service, method, path, query, multi,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> json(String service, String target, String body) {
    return actions(service, "POST", "/", null, Map.of("X-Amz-Target", target, "Content-Type", "application/x-amz-json-1.0"), body);
  }

  private static List<String> form(String service, String body) {
    return actions(service, "POST", "/", null, Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), body);
  }

  private static List<String> s3(String method, String path, String query) {
    return actions("s3", method, path, query, Map.of(), null);
  }

  @Nested
  class DynamoDb {
    @Test
    void theOperationOfXAmzTargetIsTheAction() {
      assertEquals(List.of("dynamodb:GetItem"), json("dynamodb", "DynamoDB_20120810.GetItem", "{\"TableName\":\"t\"}"));
      assertEquals(List.of("dynamodb:PutItem"), json("dynamodb", "DynamoDB_20120810.PutItem", "{}"));
      assertEquals(List.of("dynamodb:BatchGetItem"), json("dynamodb", "DynamoDB_20120810.BatchGetItem", "{}"));
    }

    @Test
    void aTransactionNeedsTheActionsOfWhatItContains() {
      assertEquals(List.of("dynamodb:PutItem", "dynamodb:ConditionCheckItem"), json("dynamodb", "DynamoDB_20120810.TransactWriteItems",
          "{\"TransactItems\":[{\"Put\":{}},{\"ConditionCheck\":{}},{\"Put\":{}}]}"));
      assertEquals(List.of("dynamodb:UpdateItem", "dynamodb:DeleteItem"), json("dynamodb", "DynamoDB_20120810.TransactWriteItems",
          "{\"TransactItems\":[{\"Update\":{}},{\"Delete\":{}}]}"));
      assertEquals(List.of("dynamodb:GetItem"), json("dynamodb", "DynamoDB_20120810.TransactGetItems", "{\"TransactItems\":[]}"));
    }

    @Test
    void partiQlNeedsTheActionOfEachStatementKind() {
      assertEquals(List.of("dynamodb:PartiQLSelect"), json("dynamodb", "DynamoDB_20120810.ExecuteStatement",
          "{\"Statement\":\"  select * from t\"}"));
      assertEquals(List.of("dynamodb:PartiQLInsert", "dynamodb:PartiQLDelete"), json("dynamodb", "DynamoDB_20120810.BatchExecuteStatement",
          "{\"Statements\":[{\"Statement\":\"INSERT INTO t VALUE {}\"},{\"Statement\":\"DELETE FROM t\"}]}"));
    }

    @Test
    void streamsAreDynamoDbActionsToo() {
      assertEquals(List.of("dynamodb:GetRecords"), json("dynamodb", "DynamoDBStreams_20120810.GetRecords", "{}"));
    }
  }

  @Nested
  class Sqs {
    @Test
    void theJsonProtocolsTargetIsTheAction() {
      assertEquals(List.of("sqs:SendMessage"), json("sqs", "AmazonSQS.SendMessage", "{\"QueueUrl\":\"q\"}"));
      assertEquals(List.of("sqs:ReceiveMessage"), json("sqs", "AmazonSQS.ReceiveMessage", "{}"));
    }

    @Test
    void theQueryProtocolsActionIsTheAction() {
      assertEquals(List.of("sqs:GetQueueUrl"), form("sqs", "Action=GetQueueUrl&Version=2012-11-05&QueueName=q"));
      assertEquals(List.of("sqs:GetQueueAttributes"),
          actions("sqs", "GET", "/000000000000/q", "Action=GetQueueAttributes&AttributeName.1=All", Map.of(), null));
    }

    @Test
    void aBatchNeedsTheActionOfOneMessage() {
      assertEquals(List.of("sqs:SendMessage"), json("sqs", "AmazonSQS.SendMessageBatch", "{}"));
      assertEquals(List.of("sqs:DeleteMessage"), json("sqs", "AmazonSQS.DeleteMessageBatch", "{}"));
      assertEquals(List.of("sqs:ChangeMessageVisibility"), form("sqs", "Action=ChangeMessageVisibilityBatch"));
    }
  }

  @Nested
  class ManagementApi {
    @Test
    void everyConnectionCallIsManageConnections() {
      for (String method : new String[] {"POST", "GET", "DELETE"}) {
        assertEquals(List.of("execute-api:ManageConnections"),
            actions("execute-api", method, "/dev/@connections/L0SM9cOFvHcCIhw%3D", null, Map.of(), "{}"));
      }
    }

    @Test
    void theSdkSignsItAsExecuteApi() {
      assertEquals(java.util.Optional.of("execute-api"), IamActions.serviceOf("/dev/@connections/x", null, Map.of("Authorization",
          List.of("AWS4-HMAC-SHA256 Credential=AKID/20261121/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=0"))));
    }
  }

  @Nested
  class SnsAndSes {
    @Test
    void theQueryProtocolsActionIsTheAction() {
      assertEquals(List.of("sns:Publish"), form("sns", "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A0%3At&Message=hi"));
      assertEquals(List.of("sns:CreateTopic"), form("sns", "Version=2010-03-31&Action=CreateTopic&Name=t"));
      assertEquals(List.of("ses:SendRawEmail"), form("ses", "Action=SendRawEmail&Version=2010-12-01&RawMessage.Data=AAAA"));
      assertEquals(List.of("ses:SendEmail"), form("ses", "Action=SendEmail&Source=a%40b.example"));
    }

    @Test
    void publishBatchIsAllowedByPublish() {
      assertEquals(List.of("sns:Publish"), form("sns", "Action=PublishBatch&TopicArn=t"));
    }

    @Test
    void sesV2IsReadFromMethodAndPath() {
      assertEquals(List.of("ses:SendEmail"), actions("sesv2", "POST", "/v2/email/outbound-emails", null, Map.of(), "{}"));
      assertEquals(List.of("ses:SendBulkEmail"), actions("sesv2", "POST", "/v2/email/outbound-bulk-emails", null, Map.of(), "{}"));
      assertEquals(List.of("ses:GetEmailIdentity"), actions("sesv2", "GET", "/v2/email/identities/a%40b.example", null, Map.of(), null));
    }
  }

  @Nested
  class S3 {
    @Test
    void objectsByMethod() {
      assertEquals(List.of("s3:GetObject"), s3("GET", "/files/exports/a.csv", null));
      assertEquals(List.of("s3:GetObject"), s3("HEAD", "/files/exports/a.csv", null));
      assertEquals(List.of("s3:PutObject"), s3("PUT", "/files/exports/a.csv", null));
      assertEquals(List.of("s3:DeleteObject"), s3("DELETE", "/files/exports/a.csv", null));
      assertEquals(List.of("s3:GetObjectVersion"), s3("GET", "/files/a.csv", "versionId=3"));
    }

    @Test
    void bucketsAndListing() {
      assertEquals(List.of("s3:ListBucket"), s3("GET", "/files", "list-type=2&prefix=exports%2F"));
      assertEquals(List.of("s3:ListBucket"), s3("GET", "/files/", "list-type=2"));
      assertEquals(List.of("s3:ListBucket"), s3("HEAD", "/files", null));
      assertEquals(List.of("s3:GetBucketLocation"), s3("GET", "/files", "location"));
      assertEquals(List.of("s3:ListAllMyBuckets"), s3("GET", "/", null));
      assertEquals(List.of("s3:CreateBucket"), s3("PUT", "/files", null));
      assertEquals(List.of("s3:DeleteObject"), s3("POST", "/files", "delete"));
    }

    @Test
    void subResourcesHeadersAndMultipart() {
      assertEquals(List.of("s3:PutObjectAcl"), s3("PUT", "/files/a.csv", "acl"));
      assertEquals(List.of("s3:GetObjectTagging"), s3("GET", "/files/a.csv", "tagging"));
      assertEquals(List.of("s3:PutObject", "s3:GetObject"),
          actions("s3", "PUT", "/files/b.csv", null, Map.of("x-amz-copy-source", "files/a.csv"), null));
      assertEquals(List.of("s3:PutObject", "s3:PutObjectAcl"),
          actions("s3", "PUT", "/files/b.csv", null, Map.of("X-Amz-Acl", "private"), null));
      assertEquals(List.of("s3:PutObject"), s3("POST", "/files/big.csv", "uploads"));
      assertEquals(List.of("s3:PutObject"), s3("PUT", "/files/big.csv", "partNumber=1&uploadId=u"));
      assertEquals(List.of("s3:PutObject"), s3("POST", "/files/big.csv", "uploadId=u"));
      assertEquals(List.of("s3:AbortMultipartUpload"), s3("DELETE", "/files/big.csv", "uploadId=u"));
      assertEquals(List.of("s3:ListMultipartUploadParts"), s3("GET", "/files/big.csv", "uploadId=u"));
    }

    @Test
    void aPresignedLinkNeedsWhatItsMethodNeeds() {
      assertEquals(List.of("s3:GetObject"), s3("GET", "/files/exports/a.csv",
          "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=local%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=ab"));
    }
  }

  @Test
  void openSearchByMethod() {
    assertEquals(List.of("es:ESHttpPost"), actions("opensearch", "POST", "/messages/_search", null, Map.of(), "{}"));
    assertEquals(List.of("es:ESHttpPut"), actions("opensearch", "PUT", "/messages/_doc/1", null, Map.of(), "{}"));
  }

  @Test
  void whatCannotBeReadIsNamedNotDropped() {
    assertEquals(List.of("dynamodb:?POST /"), json("dynamodb", "", "{}"));
    assertEquals(List.of("ses:?GET /v2/email/templates?NextToken"),
        actions("sesv2", "GET", "/v2/email/templates", "NextToken=abc", Map.of(), null));
    assertEquals(List.of("sns:?POST /"), form("sns", "Version=2010-03-31"));
  }

  @Nested
  class ServiceOfARequest {
    private Optional<String> signedFor(String service, String path) {
      return IamActions.serviceOf(path, null, Map.of("Authorization", List.of("AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/"
          + service + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc")));
    }

    @Test
    void isTheServiceOfTheSignaturesCredentialScope() {
      assertEquals(Optional.of("dynamodb"), signedFor("dynamodb", "/"));
      assertEquals(Optional.of("sqs"), signedFor("sqs", "/"));
      assertEquals(Optional.of("sns"), signedFor("sns", "/"));
      assertEquals(Optional.of("s3"), signedFor("s3", "/files/a.csv"));
      assertEquals(Optional.of("opensearch"), signedFor("es", "/messages/_search"));
    }

    @Test
    void sesV1AndV2AreToldApartByPath() {
      assertEquals(Optional.of("ses"), signedFor("ses", "/"));
      assertEquals(Optional.of("sesv2"), signedFor("ses", "/v2/email/outbound-emails"));
    }

    @Test
    void aPresignedUrlCarriesItsScopeInTheQuery() {
      assertEquals(Optional.of("s3"), IamActions.serviceOf("/files/a.csv",
          "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=local%2F20260101%2Fus-east-1%2Fs3%2Faws4_request", Map.of()));
    }

    @Test
    void anUnsignedRequestHasNone() {
      assertEquals(Optional.empty(), IamActions.serviceOf("/", null, Map.of()));
      assertEquals(Optional.empty(), IamActions.serviceOf("/", null, Map.of("Authorization", List.of("Bearer abc"))));
    }
  }
}
