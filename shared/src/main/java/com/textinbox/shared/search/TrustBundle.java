package com.textinbox.shared.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a function trusts for https, read from a PEM bundle named by
 * {@code AWS_CA_BUNDLE} (the variable the AWS CLI and SDKs read for the same purpose). On AWS it
 * is not set and the JDK's own authorities apply; the local cloud sets it to the self-signed
 * certificate of its OpenSearch TLS front, as it sets the {@code AWS_ENDPOINT_URL_*} variables.
 */
public final class TrustBundle {
  private TrustBundle() {}

  /** Trust managers that trust exactly the certificates of the PEM file. */
  public static TrustManager[] of(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + n++, certificate);
      }
      if (n == 0) {
        throw new IllegalStateException("the CA bundle " + pem + " holds no certificate");
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the CA bundle " + pem + ": " + e.getMessage(), e);
    }
  }
}
