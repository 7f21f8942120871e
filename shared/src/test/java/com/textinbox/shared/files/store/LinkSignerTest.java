package com.textinbox.shared.files.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.config.Env;
import com.textinbox.shared.jobs.ResultFiles;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The emailed links outlive the role's session: signed with the DownloadLinkSigner key (decision 53). Offline: signing sends nothing. */
class LinkSignerTest {
  private static final String KEY = "exports/A1/J1/customers.csv";

  @AfterEach
  void restore() {
    Env.use(System.getenv());
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void emailedLinkCarriesTheSignersKeyAndSevenDays() {
    Env.use(Map.of("AWS_REGION", "us-east-1", LinkSigner.KEY_ID, "AKIASIGNEREXAMPLE", LinkSigner.SECRET, "signer-secret"));
    System.setProperty("aws.accessKeyId", "ASIAROLESESSION");
    System.setProperty("aws.secretAccessKey", "role-secret");

    String link = new FileStore(null, LinkSigner.forEmailedLinks(), "files").link(KEY, ResultFiles.LINK_VALIDITY);

    assertTrue(link.contains("X-Amz-Credential=AKIASIGNEREXAMPLE%2F"), link);
    assertTrue(link.contains("X-Amz-Expires=604800"), link);
  }

  @Test
  void withoutTheKeyOrForShortLinksTheRoleSigns() {
    Env.use(Map.of("AWS_REGION", "us-east-1"));
    System.setProperty("aws.accessKeyId", "ASIAROLESESSION");
    System.setProperty("aws.secretAccessKey", "role-secret");

    String emailed = new FileStore(null, LinkSigner.forEmailedLinks(), "files").link(KEY, ResultFiles.LINK_VALIDITY);
    Env.use(Map.of("AWS_REGION", "us-east-1", LinkSigner.KEY_ID, "AKIASIGNEREXAMPLE", LinkSigner.SECRET, "signer-secret"));
    String upload = new FileStore(null, LinkSigner.forShortLinks(), "files").uploadLink("imports/A1/I1/upload", java.time.Duration.ofMinutes(15));

    assertTrue(emailed.contains("X-Amz-Credential=ASIAROLESESSION%2F"), emailed);
    assertTrue(upload.contains("X-Amz-Credential=ASIAROLESESSION%2F"), upload);
  }

  @Test
  void theLazyPresignerReadsTheKeyAtStartAndSignsWithItLater() {
    Env.use(Map.of("AWS_REGION", "us-east-1", LinkSigner.KEY_ID, "AKIASIGNEREXAMPLE", LinkSigner.SECRET, "signer-secret"));
    System.setProperty("aws.accessKeyId", "ASIAROLESESSION");
    System.setProperty("aws.secretAccessKey", "role-secret");
    var presigner = LinkSigner.emailedLinks(); // a handler's start: template.yaml's checks see the key read here
    Env.use(Map.of("AWS_REGION", "us-east-1"));

    String link = new FileStore(null, presigner.get(), "files").link(KEY, ResultFiles.LINK_VALIDITY);

    assertTrue(link.contains("X-Amz-Credential=AKIASIGNEREXAMPLE%2F"), link);
  }
}
