package com.textinbox.shared.observability.log;

import org.slf4j.Logger;
import org.slf4j.event.Level;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * Powertools' hook into the logging library (found with ServiceLoader, as its log4j and logback
 * modules are): without one it prints an error on every cold start and ignores
 * {@code POWERTOOLS_LOG_LEVEL} and the debug sampling rate.
 */
public final class PowertoolsLogLevels implements LoggingManager {
  @Override
  public void setLogLevel(Level level) {
    LogLevels.setRoot(level);
  }

  @Override
  public Level getLogLevel(Logger logger) {
    return LogLevels.threshold(logger == null ? "" : logger.getName());
  }
}
