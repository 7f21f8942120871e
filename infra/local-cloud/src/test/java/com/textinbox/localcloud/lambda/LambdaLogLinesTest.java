package com.textinbox.localcloud.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Lambda's own lines around an invocation, as CloudWatch shows them. */
class LambdaLogLinesTest {
  private static final String ID = "6b1c7f0e-0c4a-4a57-9d5e-2f3a1b0c9d8e";

  @Test
  void startAndEndNameTheRequest() {
    assertEquals("START RequestId: " + ID + " Version: $LATEST", LambdaLogLines.start(ID));
    assertEquals("END RequestId: " + ID, LambdaLogLines.end(ID));
  }

  @Test
  void aWarmReportHasTabSeparatedFieldsAndNoInitDuration() {
    assertEquals("REPORT RequestId: " + ID + "\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 1024 MB"
        + "\tMax Memory Used: n/a (one shared JVM; allocated 3 MB)",
        LambdaLogLines.report(ID, 12_345_678, -1, 1024, 2_500_000));
  }

  @Test
  void aColdReportAddsTheInitDurationWhichIsBilledToo() {
    assertEquals("REPORT RequestId: " + ID + "\tDuration: 2.00 ms\tBilled Duration: 462 ms\tMemory Size: 512 MB"
        + "\tMax Memory Used: n/a (one shared JVM)\tInit Duration: 459.12 ms",
        LambdaLogLines.report(ID, 2_000_000, 459_123_456, 512, -1));
  }

  @Test
  void theBilledDurationOfAColdStartIsTheirSumRoundedUp() {
    String report = LambdaLogLines.report(ID, 1_500_000, 2_400_000, 128, -1);
    assertEquals("Billed Duration: 4 ms", report.split("\t")[2]);
  }

  @Test
  void billedMillisecondsAreRoundedUp() {
    assertEquals(0, LambdaLogLines.ceilMillis(0));
    assertEquals(1, LambdaLogLines.ceilMillis(1));
    assertEquals(1, LambdaLogLines.ceilMillis(1_000_000));
    assertEquals(2, LambdaLogLines.ceilMillis(1_000_001));
  }

  @Test
  void anErrorIsWrittenAsLambdasJavaRuntimeWritesIt() {
    assertEquals("{\"errorMessage\":\"bad \\\"input\\\"\\nline 2\",\"errorType\":\"java.lang.IllegalStateException\"}",
        LambdaLogLines.error(new IllegalStateException("bad \"input\"\nline 2")));
  }
}
