package com.textinbox.shared.schedule;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.observability.Observability;
import com.textinbox.shared.observability.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Base of every function run by an EventBridge schedule. The run is given the scheduled time
 * (the event's {@code time}; the clock when the event has none), so a late or repeated run
 * works on the same cut-off; what it returns is written out as JSON (a summary of the work done).
 */
public abstract class ScheduledHandler implements RequestStreamHandler {
  private final Clock clock;
  /** Held here: the CRaC context holds it weakly (see Priming). */
  private final org.crac.Resource priming = Priming.register(getClass().getSimpleName(), this::prime);

  protected ScheduledHandler(Clock clock) {
    this.clock = clock;
  }

  /**
   * SnapStart priming (docs/decisions.md 46): a schedule event read, its time parsed, a summary
   * written, without running anything. A function may add reads by overriding this.
   */
  protected void prime() {
    scheduledTime(Priming.event("{\"time\": \"2026-01-01T00:00:00Z\", \"detail-type\": \"Scheduled Event\"}"));
    Priming.answer(java.util.Map.of("priming", 0));
  }

  /** Does the work due at {@code now}; returns a summary (counts) that is logged and returned. */
  protected abstract Object run(Instant now);

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = Json.read(input);
    Object summary = Observability.around(context, () -> run(scheduledTime(event)));
    output.write(Json.bytes(summary));
  }

  Instant scheduledTime(JsonNode event) {
    String time = Json.text(event, "time");
    if (time != null) {
      try {
        return Instant.parse(time);
      } catch (DateTimeParseException ignored) {
        // a hand-written event: fall back to the clock
      }
    }
    return clock.instant();
  }
}
