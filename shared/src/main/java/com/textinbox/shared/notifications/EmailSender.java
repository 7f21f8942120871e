package com.textinbox.shared.notifications;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.aws.PrimingInterceptor;
import com.textinbox.shared.aws.XmlAnswers;
import com.textinbox.shared.config.Env;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SendEmailResponse;

/**
 * Where notification emails leave the system. SES v1 {@code SendEmail} (LocalStack community has
 * only v1), from the configured address, with a no-reply Reply-To: a person who replies to a
 * notification never reaches the customer (N3).
 */
@FunctionalInterface
public interface EmailSender {
  /** Sends it; returns SES's message id. Throws when SES refuses or cannot be reached. */
  String send(Email email);

  /**
   * SES through the function's client, from {@code EMAIL_FROM} with the Reply-To {@code EMAIL_REPLY_TO}.
   * The client is built by the first email (or by priming), not at init: most invocations of the
   * functions that email send none (docs/decisions.md 69).
   */
  static EmailSender fromEnvironment() {
    return ses(AwsClients.lazy(SesClient::builder, "SES"), Env.require("EMAIL_FROM"), Env.require("EMAIL_REPLY_TO"));
  }

  /**
   * SnapStart priming (docs/decisions.md 46): {@code email}'s send built, marshalled and signed,
   * then stopped before transmission ({@code PrimingInterceptor}): nothing is sent. Senders that
   * are not SES (the tests' lambdas) prime nothing.
   */
  default void prime(Email email) {}

  static EmailSender ses(SesClient ses, String from, String replyTo) {
    return ses(() -> ses, from, replyTo);
  }

  /** SES through the client {@code ses} gives when an email is first sent or primed. */
  static EmailSender ses(Supplier<SesClient> ses, String from, String replyTo) {
    return new EmailSender() {
      @Override
      public String send(Email email) {
        return ses.get().sendEmail(request(email, from, replyTo).build()).messageId();
      }

      @Override
      public void prime(Email email) {
        SendEmailResponse.builder().messageId("priming").build(); // the answer's model, which a stopped send never reads
        PrimingInterceptor.unsent(() -> ses.get().sendEmail(request(email, from, replyTo)
            .overrideConfiguration(PrimingInterceptor.UNSENT).build()));
        XmlAnswers.prime();
      }
    };
  }

  private static SendEmailRequest.Builder request(Email email, String from, String replyTo) {
    return SendEmailRequest.builder()
        .source(from)
        .replyToAddresses(replyTo)
        .destination(d -> d.toAddresses(email.to()))
        .message(m -> m
            .subject(c -> c.data(email.subject()).charset("UTF-8"))
            .body(body -> body
                .text(c -> c.data(email.text()).charset("UTF-8"))
                .html(c -> c.data(email.html()).charset("UTF-8"))));
  }
}
