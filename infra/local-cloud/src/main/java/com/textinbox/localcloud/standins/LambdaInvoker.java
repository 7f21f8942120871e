package com.textinbox.localcloud.standins;

/**
 * How the SNS stand-in reaches a function subscribed to a topic: the local cloud runs the function
 * with the event, as Lambda's asynchronous invocation would.
 */
@FunctionalInterface
public interface LambdaInvoker {
  void invoke(String functionArn, String eventJson) throws Exception;
}
