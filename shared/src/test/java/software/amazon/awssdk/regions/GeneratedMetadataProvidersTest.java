package software.amazon.awssdk.regions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.utils.ImmutableMap;

/**
 * Shared's lazy metadata providers answer every service and region as the SDK's own providers do
 * (decision 71). The SDK's are loaded from its jar in a class loader of their own: on this class
 * path, as in the function jars, shared's classes take their place.
 */
class GeneratedMetadataProvidersTest {
  private static URL regionsJar;
  private static URLClassLoader sdk;

  @BeforeAll
  static void loadTheSdksOwnProviders() {
    regionsJar = ServiceMetadata.class.getProtectionDomain().getCodeSource().getLocation();
    sdk = new URLClassLoader(new URL[] {regionsJar, jarOf(ImmutableMap.class), jarOf(SdkClientConfiguration.class),
        jarOf(ProfileFile.class), jarOf(LoggerFactory.class)}, ClassLoader.getPlatformClassLoader());
  }

  @AfterAll
  static void close() throws IOException {
    sdk.close();
  }

  @Test
  void oursTakeThePlaceOfTheSdksOnThisClassPath() {
    assertNotEquals(regionsJar, GeneratedServiceMetadataProvider.class.getProtectionDomain().getCodeSource().getLocation());
    assertNotEquals(regionsJar, GeneratedRegionMetadataProvider.class.getProtectionDomain().getCodeSource().getLocation());
  }

  @Test
  void answersEveryServiceAsTheSdkDoes() throws ReflectiveOperationException {
    Map<?, ?> theirs = sdkMap("GeneratedServiceMetadataProvider", "SERVICE_METADATA");
    assertTrue(theirs.size() > 300, "the SDK's services: " + theirs.size());
    GeneratedServiceMetadataProvider ours = new GeneratedServiceMetadataProvider();
    theirs.forEach((prefix, metadata) -> {
      ServiceMetadata answer = ours.serviceMetadata((String) prefix);
      assertNotNull(answer, "service " + prefix);
      assertEquals(metadata.getClass().getName(), answer.getClass().getName(), "service " + prefix);
    });
    for (String none : List.of("execute-api", "no-such-service", "S3", "", "..", "s3/../x")) {
      assertNull(ours.serviceMetadata(none), "no service " + none);
    }
  }

  @Test
  void answersEveryRegionAsTheSdkDoes() throws ReflectiveOperationException {
    Map<?, ?> theirs = sdkMap("GeneratedRegionMetadataProvider", "REGION_METADATA");
    assertTrue(theirs.size() > 30, "the SDK's regions: " + theirs.size());
    GeneratedRegionMetadataProvider ours = new GeneratedRegionMetadataProvider();
    for (Map.Entry<?, ?> region : theirs.entrySet()) {
      String id = (String) region.getKey().getClass().getMethod("id").invoke(region.getKey());
      RegionMetadata answer = ours.regionMetadata(Region.of(id));
      assertNotNull(answer, "region " + id);
      assertEquals(region.getValue().getClass().getName(), answer.getClass().getName(), "region " + id);
      assertEquals(id, answer.id());
    }
    assertNull(ours.regionMetadata(Region.of("mars-north-1")));
  }

  @Test
  void theServicesTheFunctionsCallKeepTheirEndpointsAndSigningRegions() {
    for (String prefix : List.of(DynamoDbClient.SERVICE_METADATA_ID, SqsClient.SERVICE_METADATA_ID,
        "sns" /* SmsSender's client; shared does not carry SNS */, S3Client.SERVICE_METADATA_ID, SesClient.SERVICE_METADATA_ID)) {
      ServiceMetadata metadata = ServiceMetadata.of(prefix);
      assertEquals(Region.CA_CENTRAL_1, metadata.signingRegion(Region.CA_CENTRAL_1), prefix);
      assertTrue(metadata.endpointFor(Region.CA_CENTRAL_1).toString().endsWith("ca-central-1.amazonaws.com"),
          prefix + ": " + metadata.endpointFor(Region.CA_CENTRAL_1));
    }
    assertEquals("Canada (Central)", RegionMetadata.of(Region.CA_CENTRAL_1).description());
  }

  @Test
  void buildsEachOnce() {
    GeneratedServiceMetadataProvider services = new GeneratedServiceMetadataProvider();
    assertSame(services.serviceMetadata("sqs"), services.serviceMetadata("sqs"));
    GeneratedRegionMetadataProvider regions = new GeneratedRegionMetadataProvider();
    assertSame(regions.regionMetadata(Region.US_EAST_1), regions.regionMetadata(Region.US_EAST_1));
  }

  @Test
  void namesClassesAsTheSdksGeneratorDoes() {
    assertEquals("UsGovWest1", MetadataByName.pascalCase("us-gov-west-1"));
    assertEquals("ApiEcr", MetadataByName.pascalCase("api.ecr"));
    assertEquals("AccessAnalyzer", MetadataByName.pascalCase("access-analyzer"));
  }

  private static URL jarOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  /** A static map of one of the SDK's own providers. */
  private static Map<?, ?> sdkMap(String provider, String field) throws ReflectiveOperationException {
    Class<?> theirs = Class.forName("software.amazon.awssdk.regions." + provider, true, sdk);
    Field map = theirs.getDeclaredField(field);
    map.setAccessible(true);
    return (Map<?, ?>) map.get(null);
  }
}
