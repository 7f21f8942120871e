package com.textinbox.search;

import java.io.IOException;
import java.util.List;

/** The search index, as the indexer needs it: one bulk request at a time (tests use a fake). */
interface SearchIndex {
  /**
   * Applies the actions in order, in one request. Returns one entry per action, in the same
   * order: null when it was applied, else why not (no document content in it). A request that
   * failed as a whole (the index unreachable, refusing the call) is an IOException.
   */
  List<String> bulk(List<IndexAction> actions) throws IOException;

  /** SnapStart priming: load the request path with a read of nothing (never a write). */
  default void prime() {}
}
