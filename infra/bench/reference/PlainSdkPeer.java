import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reference row of the cold-start bench: a plain SDK function as AWS's guidance writes one (a
 * DynamoDB client with the URL-connection HTTP client built at init, one GetItem per invoke, no
 * logging or JSON library of its own). The functions' figures are compared with it.
 */
public final class PlainSdkPeer implements RequestStreamHandler {
  private final DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
  private final String table = System.getenv("TABLE_NAME");

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    input.readAllBytes();
    boolean found = dynamoDb.getItem(b -> b.tableName(table)
        .key(Map.of("PK", AttributeValue.fromS("BENCH#peer"), "SK", AttributeValue.fromS("BENCH")))).hasItem();
    output.write(("{\"found\":" + found + "}").getBytes(StandardCharsets.UTF_8));
  }
}
