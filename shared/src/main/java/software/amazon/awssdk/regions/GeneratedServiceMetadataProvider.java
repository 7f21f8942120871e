package software.amazon.awssdk.regions;

import java.util.Map;

/**
 * Takes the place of the SDK's class of this name in the function jars (the parent pom's shade
 * filter leaves the SDK's out; decision 71). The SDK's builds the metadata of all 310 services, 311
 * classes, when the first client of a function is built; a function uses one to four of them. This
 * one builds a service's metadata when it is first asked for, and answers as the SDK's does
 * (GeneratedMetadataProvidersTest compares every service with the SDK's own provider).
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {
  private static final String PACKAGE = "software.amazon.awssdk.regions.servicemetadata.";
  /** The services whose class the SDK names otherwise: S3's generated one is replaced by a hand-written one. */
  private static final Map<String, String> NAMED_OTHERWISE = Map.of("s3", "EnhancedS3ServiceMetadata");
  private static final MetadataByName<ServiceMetadata> SERVICES = new MetadataByName<>(ServiceMetadata.class,
      prefix -> PACKAGE + NAMED_OTHERWISE.getOrDefault(prefix, MetadataByName.pascalCase(prefix) + "ServiceMetadata"));

  @Override
  public ServiceMetadata serviceMetadata(String endpointPrefix) {
    return SERVICES.get(endpointPrefix);
  }
}
