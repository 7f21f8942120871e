package com.textinbox.localcloud.standins;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The AWS Query protocol, shared by the SNS and SES (v1) stand-ins: form-encoded parameters with
 * flattened lists ({@code X.member.N}) and maps ({@code X.entry.N.key}), and XML replies of the shape
 * {@code <ActionResponse><ActionResult/><ResponseMetadata/></ActionResponse>}.
 */
final class QueryProtocol {
  private QueryProtocol() {}

  /** The parameters of a form-encoded body or a query string, in their order. */
  static Map<String, String> parseForm(String form) {
    Map<String, String> params = new LinkedHashMap<>();
    if (form == null || form.isEmpty()) {
      return params;
    }
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(decode(name), decode(value));
    }
    return params;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ServiceError.badRequest("MalformedQueryString", "the request is not well-formed form encoding");
    }
  }

  /**
   * The numbered items under {@code prefix}: for {@code prefix.1.Name=a&prefix.1.Value=b&prefix.2=c}
   * the maps {@code {Name=a, Value=b}} and {@code {""=c}}, in their numeric order.
   */
  static List<Map<String, String>> indexed(Map<String, String> params, String prefix) {
    String start = prefix + ".";
    TreeMap<Integer, Map<String, String>> items = new TreeMap<>();
    params.forEach((name, value) -> {
      if (!name.startsWith(start)) {
        return;
      }
      String rest = name.substring(start.length());
      int dot = rest.indexOf('.');
      String index = dot < 0 ? rest : rest.substring(0, dot);
      if (index.isEmpty() || !index.chars().allMatch(Character::isDigit) || index.length() > 6) {
        return;
      }
      String field = dot < 0 ? "" : rest.substring(dot + 1);
      items.computeIfAbsent(Integer.parseInt(index), i -> new LinkedHashMap<>()).put(field, value);
    });
    return new ArrayList<>(items.values());
  }

  /** A list parameter: {@code prefix.member.1}, {@code prefix.member.2}, ... */
  static List<String> members(Map<String, String> params, String prefix) {
    List<String> values = new ArrayList<>();
    for (Map<String, String> item : indexed(params, prefix + ".member")) {
      if (item.containsKey("")) {
        values.add(item.get(""));
      }
    }
    return values;
  }

  /** A string map parameter: {@code prefix.entry.N.key} and {@code prefix.entry.N.value}. */
  static Map<String, String> entries(Map<String, String> params, String prefix) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map<String, String> entry : indexed(params, prefix + ".entry")) {
      if (entry.get("key") != null) {
        map.put(entry.get("key"), entry.getOrDefault("value", ""));
      }
    }
    return map;
  }

  /** The sub-parameters of each member of a list of structures, e.g. PublishBatchRequestEntries. */
  static List<Map<String, String>> memberStructures(Map<String, String> params, String prefix) {
    return indexed(params, prefix + ".member");
  }

  /** A required parameter; AWS answers a missing one with a ValidationError naming it. */
  static String required(Map<String, String> params, String name) {
    String value = params.get(name);
    if (value == null) {
      throw ServiceError.badRequest("ValidationError", "1 validation error detected: Value null at '"
          + Character.toLowerCase(name.charAt(0)) + name.substring(1)
          + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  /** The reply to a successful action; {@code resultXml} null for the actions that return nothing. */
  static String response(String namespace, String action, String resultXml) {
    Xml xml = new Xml().raw("<" + action + "Response xmlns=\"" + namespace + "\">");
    if (resultXml != null) {
      xml.open(action + "Result").raw(resultXml).close(action + "Result");
    }
    return xml.open("ResponseMetadata").element("RequestId", requestId()).close("ResponseMetadata")
        .close(action + "Response").toString();
  }

  static String errorResponse(String namespace, ServiceError error) {
    return new Xml().raw("<ErrorResponse xmlns=\"" + namespace + "\">")
        .open("Error")
        .element("Type", error.senderFault() ? "Sender" : "Receiver")
        .element("Code", error.code())
        .element("Message", error.getMessage())
        .close("Error")
        .element("RequestId", requestId())
        .close("ErrorResponse").toString();
  }

  /** The error AWS gives for an action the service does not have. */
  static ServiceError invalidAction(String action) {
    return ServiceError.badRequest("InvalidAction", action == null
        ? "Could not find operation: the request has no Action"
        : "The action " + action + " is not valid for this web service.");
  }

  /** What a Query stand-in does with one action: the Result element's content, or null for none. */
  @FunctionalInterface
  interface Actions {
    String run(String action, Map<String, String> params);
  }

  /**
   * Serves one Query request: the parameters come from the form body of a POST or the query string
   * of a GET (AWS takes both), and errors become the protocol's {@code ErrorResponse}.
   */
  static StandInServer.Reply serve(StandInServer.Request request, String namespace, Actions actions) {
    try {
      if (!request.path().equals("/")) {
        throw new ServiceError(404, "NotFound", "no such resource: " + request.path());
      }
      Map<String, String> params = parseForm(
          request.method().equals("POST") ? request.bodyText() : request.query());
      String action = params.get("Action");
      String result = actions.run(action, params);
      return StandInServer.Reply.xml(200, response(namespace, action, result));
    } catch (ServiceError e) {
      return StandInServer.Reply.xml(e.status(), errorResponse(namespace, e));
    } catch (RuntimeException e) {
      System.getLogger(QueryProtocol.class.getName()).log(System.Logger.Level.ERROR, "stand-in failure", e);
      ServiceError internal = new ServiceError(500, "InternalFailure", "stand-in failure: " + e, false);
      return StandInServer.Reply.xml(500, errorResponse(namespace, internal));
    }
  }

  static String requestId() {
    return UUID.randomUUID().toString();
  }
}
