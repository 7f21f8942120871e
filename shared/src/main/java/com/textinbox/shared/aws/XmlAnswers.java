package com.textinbox.shared.aws;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.protocols.query.unmarshall.XmlDomParser;

/**
 * SnapStart priming of the query protocol's answers (SNS and SES answer in XML): an answer read
 * through the SDK's own parser, the JDK's StAX reader behind it (139 classes at SmsSender's first
 * text after priming, decision 72). A send stopped before transmission (PrimingInterceptor) never
 * reads its answer, so without this the first text, push or email after a restore loads them
 * (decision 46).
 */
public final class XmlAnswers {
  private static final byte[] ANSWER = """
      <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
        <PublishResult><MessageId>priming</MessageId></PublishResult>
        <ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata>
      </PublishResponse>""".getBytes(StandardCharsets.UTF_8);

  private XmlAnswers() {}

  public static void prime() {
    XmlDomParser.parse(new ByteArrayInputStream(ANSWER));
  }
}
