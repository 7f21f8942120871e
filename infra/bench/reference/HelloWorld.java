import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reference row of the cold-start bench: the least a Java Lambda does (read the event, answer a
 * constant). What the JVM and the harness cost before any library.
 */
public final class HelloWorld implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    input.readAllBytes();
    output.write("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
  }
}
