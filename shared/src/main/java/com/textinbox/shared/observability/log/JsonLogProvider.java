package com.textinbox.shared.observability.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The functions' SLF4J binding (docs/decisions.md 62): one JSON line per event on stdout, with the
 * fields Powertools' log4j layout wrote ({@link JsonLogLine}). It replaces log4j-core, its JSON
 * template layout and Powertools' log4j module, about 790 classes at every cold start, with a
 * handful: the lines, levels and Powertools' context fields (kept in SLF4J's basic MDC, where
 * {@code PowertoolsLogging.withLogging} puts them) are what a function needs of a logging library.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
  private final JsonLoggerFactory loggers = new JsonLoggerFactory();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // nothing to read: levels come from the environment when first asked (LogLevels)
  }
}
