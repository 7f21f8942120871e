package com.textinbox.search;

import com.textinbox.shared.search.SearchDocument;

/** One operation of a bulk request: write a document whole, or delete one. */
sealed interface IndexAction {
  String documentId();

  /** Writes the document whole, replacing any former version (idempotent). */
  record Put(SearchDocument document) implements IndexAction {
    @Override
    public String documentId() {
      return document.id();
    }
  }

  /** Deletes the document; one already gone is not an error (idempotent). */
  record Delete(String documentId, String kind) implements IndexAction {}
}
