package software.amazon.awssdk.regions;

/**
 * Takes the place of the SDK's class of this name in the function jars (the parent pom's shade
 * filter leaves the SDK's out; decision 71). The SDK's builds the metadata of all 53 regions when
 * the first client of a function is built; a function runs in one. This one builds a region's
 * metadata when it is first asked for, and answers as the SDK's does (GeneratedMetadataProvidersTest
 * compares every region with the SDK's own provider).
 */
public final class GeneratedRegionMetadataProvider implements RegionMetadataProvider {
  private static final String PACKAGE = "software.amazon.awssdk.regions.regionmetadata.";
  private static final MetadataByName<RegionMetadata> REGIONS =
      new MetadataByName<>(RegionMetadata.class, id -> PACKAGE + MetadataByName.pascalCase(id));

  @Override
  public RegionMetadata regionMetadata(Region region) {
    return REGIONS.get(region.id());
  }
}
