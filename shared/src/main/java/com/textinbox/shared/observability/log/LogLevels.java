package com.textinbox.shared.observability.log;

import com.textinbox.shared.config.Env;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * What the log4j configuration said, kept: every logger at {@code LOG_LEVEL} (INFO when unset),
 * the AWS SDK's at WARN. Powertools may change the level of the rest ({@code POWERTOOLS_LOG_LEVEL},
 * its sampling rate) through {@link PowertoolsLogLevels}.
 */
final class LogLevels {
  private static final String SDK = "software.amazon.awssdk";
  /** Set by Powertools; until then the environment decides (read when asked: the local cloud sets it late). */
  private static volatile Level set;

  private LogLevels() {}

  static Level threshold(String logger) {
    return logger.startsWith(SDK) ? Level.WARN : root();
  }

  static Level root() {
    Level level = set;
    return level != null ? level : parse(Env.optional("LOG_LEVEL", "INFO"));
  }

  static void setRoot(Level level) {
    set = level;
  }

  static Level parse(String name) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    return switch (upper) {
      case "TRACE", "ALL" -> Level.TRACE;
      case "DEBUG" -> Level.DEBUG;
      case "WARN" -> Level.WARN;
      case "ERROR", "FATAL", "OFF" -> Level.ERROR;
      default -> Level.INFO;
    };
  }
}
