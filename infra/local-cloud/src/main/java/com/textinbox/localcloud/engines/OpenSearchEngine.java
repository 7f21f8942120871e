package com.textinbox.localcloud.engines;

import com.textinbox.localcloud.console.Console;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * A real single-node OpenSearch in this JVM (the same engine as Amazon OpenSearch Service), with
 * only the modules the search index needs, to keep start time and memory down.
 */
public final class OpenSearchEngine implements AutoCloseable {
  private static final String MODULES = String.join(",",
      "org.opensearch.transport.Netty4ModulePlugin",
      "org.opensearch.analysis.common.CommonAnalysisModulePlugin",
      "org.opensearch.index.mapper.MapperExtrasModulePlugin",
      "org.opensearch.painless.PainlessModulePlugin",
      "org.opensearch.index.reindex.ReindexModulePlugin");

  private final OpenSearchRunner runner;
  private final URI endpoint;

  private OpenSearchEngine(OpenSearchRunner runner, URI endpoint) {
    this.runner = runner;
    this.endpoint = endpoint;
  }

  public static OpenSearchEngine start(int port, Path dataDir) throws Exception {
    int httpPort = Ports.pick(port);
    int transportPort = Ports.pick(0);
    Path base = dataDir != null ? dataDir : Files.createTempDirectory("local-cloud-opensearch");
    Files.createDirectories(base);
    OpenSearchRunner runner = new OpenSearchRunner();
    runner.onBuild((number, settings) -> {
      settings.put("network.host", "127.0.0.1");
      settings.put("http.port", Integer.toString(httpPort));
      settings.put("transport.port", Integer.toString(transportPort));
      settings.put("discovery.type", "single-node");
      settings.remove("discovery.seed_hosts");
      settings.remove("cluster.initial_cluster_manager_nodes");
      settings.put("action.auto_create_index", "false");
      settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
    }).build(OpenSearchRunner.newConfigs()
        .basePath(base.toString())
        .clusterName("local-cloud")
        .numOfNode(1)
        .disableESLogger()
        .moduleTypes(MODULES));
    runner.ensureYellow();
    return new OpenSearchEngine(runner, URI.create("http://127.0.0.1:" + httpPort));
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws Exception {
    try (Console.Scope quiet = Console.engine("OpenSearch")) { // its runner prints "Closed all nodes."
      runner.close();
    }
  }
}
