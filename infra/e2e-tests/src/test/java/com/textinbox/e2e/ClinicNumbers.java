package com.textinbox.e2e;

/**
 * The clinic's customer mobiles (+1 438 555 xxxx) each test class texts from or gives its
 * customers, in ranges no two classes share: a test given another's number would be refused
 * (409 mobile_in_use) or find another's conversation. Taken already: 0100 (the clinic's own
 * number), 0111 (the demo's Nina), 0201 to 0215 (CustomerImportsTest's files).
 */
final class ClinicNumbers {
  /** AutoCloseTest's answered conversation: + two digits, 0410 to 0499. */
  static final String AUTO_CLOSE_ANSWERED = "+143855504";
  /** AutoCloseTest's unanswered conversation: + two digits, 0510 to 0599. */
  static final String AUTO_CLOSE_WAITING = "+143855505";
  /** MonthlyReportTest: + two digits, 0310 to 0399. */
  static final String MONTHLY_REPORT = "+143855503";
  /** OutboundThroughputTest's burst without faults: + one digit, 0600 to 0609. */
  static final String BURST = "+1438555060";
  /** OutboundThroughputTest's burst with Publish throttled: + one digit, 0610 to 0619. */
  static final String THROTTLED_BURST = "+1438555061";

  private ClinicNumbers() {}
}
