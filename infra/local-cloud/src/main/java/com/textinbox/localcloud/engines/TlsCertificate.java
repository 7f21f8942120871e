package com.textinbox.localcloud.engines;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made at each start with the JDK's keytool
 * (no library needed), so the local OpenSearch can be reached over https as Amazon OpenSearch
 * Service is: the OpenSearch Java client's SigV4 transport builds {@code https://} URLs only. The
 * functions trust it through {@code AWS_CA_BUNDLE} (its PEM, {@link #caBundle()}); nothing else does.
 */
public final class TlsCertificate {
  private static final String ALIAS = "local-opensearch";
  private static final char[] PASSWORD = "local-cloud".toCharArray();

  private final SSLContext context;
  private final Path caBundle;

  private TlsCertificate(SSLContext context, Path caBundle) {
    this.context = context;
    this.caBundle = caBundle;
  }

  /** Makes the key pair and certificate in a fresh directory (valid 30 days; a new one each start). */
  public static TlsCertificate create() throws IOException, InterruptedException, GeneralSecurityException {
    Path dir = Files.createTempDirectory("local-cloud-tls");
    Path keyStore = dir.resolve("opensearch.p12");
    Path pem = dir.resolve("opensearch-ca.pem");
    keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
        "-dname", "CN=127.0.0.1, O=textinbox local cloud", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30",
        "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD),
        "-keypass", new String(PASSWORD));
    keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(), "-storetype", "PKCS12",
        "-storepass", new String(PASSWORD), "-file", pem.toString());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    dir.toFile().deleteOnExit();
    keyStore.toFile().deleteOnExit();
    pem.toFile().deleteOnExit();
    return new TlsCertificate(context, pem);
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("keytool " + arguments[0] + " failed: " + output.strip());
    }
  }

  /** The server side: what the https listeners present. */
  public SSLContext serverContext() {
    return context;
  }

  /** The certificate as PEM: what the functions' {@code AWS_CA_BUNDLE} names. */
  public Path caBundle() {
    return caBundle;
  }
}
