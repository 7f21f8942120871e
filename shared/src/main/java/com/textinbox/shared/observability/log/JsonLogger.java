package com.textinbox.shared.observability.log;

import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that writes each event it lets through as one JSON line on stdout ({@link JsonLogLine}). */
final class JsonLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  JsonLogger(String name) {
    this.name = name;
  }

  private boolean enabled(Level level) {
    return level.toInt() >= LogLevels.threshold(name).toInt();
  }

  @Override public boolean isTraceEnabled() { return enabled(Level.TRACE); }
  @Override public boolean isDebugEnabled() { return enabled(Level.DEBUG); }
  @Override public boolean isInfoEnabled() { return enabled(Level.INFO); }
  @Override public boolean isWarnEnabled() { return enabled(Level.WARN); }
  @Override public boolean isErrorEnabled() { return enabled(Level.ERROR); }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable error) {
    String message = MessageFormatter.basicArrayFormat(pattern, arguments);
    // one println per event: a line is never interleaved with another thread's
    System.out.println(JsonLogLine.of(level, message, error, MDC.getCopyOfContextMap(), System.currentTimeMillis()));
  }
}
