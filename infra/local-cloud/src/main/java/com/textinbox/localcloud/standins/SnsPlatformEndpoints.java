package com.textinbox.localcloud.standins;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Mobile push: platform applications and the device endpoints registered under them. */
final class SnsPlatformEndpoints {
  private static final Set<String> PLATFORMS = Set.of("ADM", "APNS", "APNS_SANDBOX", "APNS_VOIP",
      "APNS_VOIP_SANDBOX", "GCM", "BAIDU", "MPNS", "WNS");
  private static final Pattern APPLICATION_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
  private static final Set<String> ENDPOINT_ATTRIBUTES = Set.of("Enabled", "Token", "CustomUserData");

  record Application(String arn, String name, String platform, Map<String, String> attributes) {}

  record Endpoint(String arn, String applicationArn, String platform, Map<String, String> attributes) {
    String token() {
      return attributes.get("Token");
    }

    boolean enabled() {
      return "true".equalsIgnoreCase(attributes.get("Enabled"));
    }
  }

  private final String region;
  private final String accountId;
  private final Map<String, Application> applications = new LinkedHashMap<>();
  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

  SnsPlatformEndpoints(String region, String accountId) {
    this.region = region;
    this.accountId = accountId;
  }

  synchronized String createApplication(String name, String platform, Map<String, String> attributes) {
    if (name == null || !APPLICATION_NAME.matcher(name).matches()) {
      throw SnsMessage.invalidParameter("Invalid platform application name");
    }
    if (platform == null || !PLATFORMS.contains(platform)) {
      throw SnsMessage.invalidParameter("Platform Reason: " + platform + " is not supported");
    }
    String arn = "arn:aws:sns:" + region + ":" + accountId + ":app/" + platform + "/" + name;
    Map<String, String> kept = new LinkedHashMap<>();
    kept.put("Enabled", "true");
    // the credentials are write-only in SNS: never given back
    attributes.forEach((key, value) -> {
      if (!key.equals("PlatformCredential") && !key.equals("PlatformPrincipal")) {
        kept.put(key, value);
      }
    });
    applications.put(arn, new Application(arn, name, platform, Map.copyOf(kept)));
    return arn;
  }

  /**
   * Registers a device token. The same token again gives the same endpoint, unless it comes with
   * different attributes, which SNS refuses.
   */
  synchronized String createEndpoint(String applicationArn, String token, String customUserData,
      Map<String, String> attributes) {
    Application application = applications.get(applicationArn);
    if (application == null) {
      throw new ServiceError(404, "NotFound", "PlatformApplication does not exist");
    }
    if (token == null || token.isEmpty()) {
      throw SnsMessage.invalidParameter("Token Reason: cannot be empty");
    }
    checkAttributes(attributes);
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("Enabled", "true");
    if (customUserData != null) {
      wanted.put("CustomUserData", customUserData);
    }
    wanted.putAll(attributes);
    wanted.put("Token", token);
    for (Endpoint existing : endpoints.values()) {
      if (existing.applicationArn().equals(applicationArn) && existing.token().equals(token)) {
        if (!Objects.equals(existing.attributes(), wanted)) {
          throw SnsMessage.invalidParameter("Token Reason: Endpoint " + existing.arn()
              + " already exists with the same Token, but different attributes.");
        }
        return existing.arn();
      }
    }
    String arn = "arn:aws:sns:" + region + ":" + accountId + ":endpoint/" + application.platform() + "/"
        + application.name() + "/" + UUID.randomUUID();
    endpoints.put(arn, new Endpoint(arn, applicationArn, application.platform(), Map.copyOf(wanted)));
    return arn;
  }

  /** Deleting an endpoint that is not there is no error, as in SNS. */
  synchronized void deleteEndpoint(String endpointArn) {
    endpoints.remove(endpointArn);
  }

  synchronized Endpoint endpoint(String endpointArn) {
    Endpoint endpoint = endpoints.get(endpointArn);
    if (endpoint == null) {
      throw new ServiceError(404, "NotFound", "Endpoint does not exist");
    }
    return endpoint;
  }

  /** The endpoint a push goes to; SNS answers a deleted one and a disabled one differently. */
  synchronized Endpoint pushTarget(String endpointArn) {
    Endpoint endpoint = endpoints.get(endpointArn);
    if (endpoint == null) {
      throw SnsMessage.invalidParameter("TargetArn Reason: No endpoint found for the target arn specified");
    }
    if (!endpoint.enabled()) {
      throw ServiceError.badRequest("EndpointDisabled", "Endpoint is disabled");
    }
    return endpoint;
  }

  synchronized void setEndpointAttributes(String endpointArn, Map<String, String> attributes) {
    Endpoint endpoint = endpoint(endpointArn);
    checkAttributes(attributes);
    Map<String, String> merged = new LinkedHashMap<>(endpoint.attributes());
    merged.putAll(attributes);
    endpoints.put(endpointArn, new Endpoint(endpointArn, endpoint.applicationArn(), endpoint.platform(),
        Map.copyOf(merged)));
  }

  private static void checkAttributes(Map<String, String> attributes) {
    attributes.forEach((name, value) -> {
      if (!ENDPOINT_ATTRIBUTES.contains(name)) {
        throw SnsMessage.invalidParameter("Attributes Reason: Invalid attribute name: " + name);
      }
      if (name.equals("Enabled") && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw SnsMessage.invalidParameter("Attributes Reason: Enabled must be true or false");
      }
      if (name.equals("Token") && value.isEmpty()) {
        throw SnsMessage.invalidParameter("Attributes Reason: Token cannot be empty");
      }
    });
  }
}
