package com.textinbox.localcloud.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class AwsScheduleExpressionTest {
  private static ZonedDateTime at(String iso) {
    return ZonedDateTime.parse(iso);
  }

  @Test
  void rates() {
    assertEquals(at("2026-03-01T10:05Z"), AwsScheduleExpression.parse("rate(5 minutes)").next(at("2026-03-01T10:00Z")));
    assertEquals(at("2026-03-02T10:00Z"), AwsScheduleExpression.parse("rate(1 day)").next(at("2026-03-01T10:00Z")));
  }

  @Test
  void monthlyReportAtTheStartOfEachMonth() {
    AwsScheduleExpression monthly = AwsScheduleExpression.parse("cron(0 6 1 * ? *)");
    assertEquals(at("2026-04-01T06:00Z"), monthly.next(at("2026-03-01T06:00Z")));
    assertEquals(at("2026-03-01T06:00Z"), monthly.next(at("2026-02-15T12:34Z")));
  }

  @Test
  void weekdaysNamesStepsAndLastDay() {
    // 2026-03-06 is a Friday
    assertEquals(at("2026-03-09T08:00Z"), AwsScheduleExpression.parse("cron(0 8 ? * MON-FRI *)").next(at("2026-03-06T09:00Z")));
    assertEquals(at("2026-03-01T10:15Z"), AwsScheduleExpression.parse("cron(0/15 * * * ? *)").next(at("2026-03-01T10:00Z")));
    assertEquals(at("2026-02-28T23:00Z"), AwsScheduleExpression.parse("cron(0 23 L * ? *)").next(at("2026-02-01T00:00Z")));
    assertEquals(at("2026-07-01T00:00Z"), AwsScheduleExpression.parse("cron(0 0 1 JUL ? 2026)").next(at("2026-03-01T00:00Z")));
  }

  @Test
  void badExpressionsAreRefusedWithAReason() {
    assertThrows(IllegalArgumentException.class, () -> AwsScheduleExpression.parse("every day"));
    assertThrows(IllegalArgumentException.class, () -> AwsScheduleExpression.parse("cron(0 8 * * ?)"));
    assertThrows(IllegalArgumentException.class, () -> AwsScheduleExpression.parse("cron(0 25 * * ? *)"));
    assertThrows(IllegalArgumentException.class, () -> AwsScheduleExpression.parse("cron(0 8 ? * 2#1 *)"));
  }
}
