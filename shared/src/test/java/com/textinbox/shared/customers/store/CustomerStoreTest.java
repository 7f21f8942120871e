package com.textinbox.shared.customers.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.customers.CustomerConflict;
import com.textinbox.shared.customers.CustomerFields;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.NameKey;
import com.textinbox.shared.customers.store.CustomerStore.ListFilter;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Page;
import com.textinbox.shared.store.TransactionCancelled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Profiles, their guards and lists against DynamoDB Local: the conditions are the real ones. */
class CustomerStoreTest {
  private static final String T1 = "2026-11-21T14:03:00.120Z";
  private static final String T2 = "2026-11-22T09:00:00.000Z";
  private static DynamoDbLocalServer local;
  private static CustomerStore customers;

  @BeforeAll
  static void start() {
    local = DynamoDbLocalServer.start();
    local.createInboxTable("inbox");
    customers = new CustomerStore(new DynamoTable(local.client(), "inbox"));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  private static CustomerProfile profile(String id, String first, String last, String mobile, String reference) {
    return new CustomerProfile(id, first, last, null, mobile, null, reference, true, null, null, null, null, null, T1,
        "user-a", null, null, null, List.of(), null, T1, null);
  }

  @Test
  void aSecondProfileWithTheSameMobileOrReferenceIsAConflictNamingTheFirst() {
    customers.create("acct-dup", profile("cust-1", "Ann", "Lee", "+15145550101", "R-1"));
    CustomerConflict mobile = assertThrows(CustomerConflict.class,
        () -> customers.create("acct-dup", profile("cust-2", "Bob", "Lee", "+15145550101", null)));
    assertEquals("mobile", mobile.field());
    assertEquals("cust-1", mobile.otherCustomerId());
    CustomerConflict reference = assertThrows(CustomerConflict.class,
        () -> customers.create("acct-dup", profile("cust-3", "Bob", "Lee", null, "R-1")));
    assertEquals("reference", reference.field());
    assertTrue(customers.find("acct-dup", "cust-2").isEmpty());
    assertTrue(customers.find("acct-dup", "cust-3").isEmpty());
    // another company may have the same number
    customers.create("acct-other", profile("cust-1", "Ann", "Lee", "+15145550101", "R-1"));
  }

  @Test
  void oneHundredConcurrentCreatesWithOneMobileMakeOneProfile() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    AtomicInteger created = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    List<Future<?>> runs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String id = "cust-race-" + i;
      runs.add(pool.submit(() -> {
        try {
          customers.create("acct-race", profile(id, "Same", "Number", "+15145550177", null));
          created.incrementAndGet();
        } catch (CustomerConflict e) {
          conflicts.incrementAndGet();
        } catch (TransactionCancelled e) {
          conflicts.incrementAndGet();   // still racing after every try: refused, never a second profile
        }
      }));
    }
    for (Future<?> run : runs) {
      run.get();
    }
    pool.shutdown();
    assertEquals(1, created.get());
    assertEquals(99, conflicts.get());
    Page<CustomerProfile> all = customers.list("acct-race", ListFilter.ALL, null, null, null, null, 100);
    assertEquals(1, all.items().size());
    assertEquals(all.items().get(0).customerId(), customers.phoneGuard("acct-race", "+15145550177").orElseThrow().customerId());
  }

  @Test
  void anEditMovesTheGuardsAndIsConditionalOnWhatWasRead() {
    CustomerProfile before = profile("cust-e", "Eve", "Roy", "+15145550102", "R-E");
    customers.create("acct-edit", before);
    customers.create("acct-edit", profile("cust-f", "Fay", "Roy", "+15145550103", null));
    CustomerFields changed = new CustomerFields("Ève", "Roy", "+15145550104", "eve@example.com", "fr", null, null, "R-E2",
        List.of());
    CustomerProfile after = before.edited(changed, T2);
    assertTrue(customers.edit("acct-edit", before, after));
    assertEquals(after, customers.find("acct-edit", "cust-e").orElseThrow());
    assertTrue(customers.phoneGuard("acct-edit", "+15145550102").isEmpty(), "the old number is free");
    assertEquals("cust-e", customers.phoneGuard("acct-edit", "+15145550104").orElseThrow().customerId());
    customers.create("acct-edit", profile("cust-g", "Gil", "Roy", "+15145550102", "R-E"));   // both free again

    assertFalse(customers.edit("acct-edit", before, after), "read before the last edit: read again");
    CustomerConflict taken = assertThrows(CustomerConflict.class, () -> customers.edit("acct-edit", after,
        after.edited(new CustomerFields("Ève", "Roy", "+15145550103", null, null, null, null, null, List.of()), "2026-11-23T00:00:00.000Z")));
    assertEquals("cust-f", taken.otherCustomerId());
    assertEquals("+15145550104", customers.find("acct-edit", "cust-e").orElseThrow().mobile(), "nothing changed");

    CustomerProfile noMobile = after.edited(new CustomerFields("Ève", "Roy", null, null, null, null, null, null, List.of()), "2026-11-24T00:00:00.000Z");
    assertTrue(customers.edit("acct-edit", after, noMobile));
    assertEquals(List.of("cust-e"), customers.list("acct-edit", ListFilter.NO_MOBILE, null, null, null, null, 10)
        .items().stream().map(CustomerProfile::customerId).toList());
  }

  @Test
  void theListIsByNameAPrefixIsAKeyRangeAndCursorsPage() {
    String a = "acct-list";
    customers.create(a, profile("c1", "Élodie", "Tremblay", null, null));
    customers.create(a, profile("c2", "Marc", "Tremblay", null, null));
    customers.create(a, profile("c3", "Ann", "Côté", null, null));
    customers.create(a, profile("c4", "Zoé", "Trudel", null, null));
    Page<CustomerProfile> first = customers.list(a, ListFilter.ALL, NameKey.prefix("TRÉ"), null, null, null, 1);
    assertEquals(List.of("c1"), ids(first));
    assertNotNull(first.nextCursor());
    Page<CustomerProfile> second = customers.list(a, ListFilter.ALL, NameKey.prefix("TRÉ"), null, null, first.nextCursor(), 5);
    assertEquals(List.of("c2"), ids(second));
    assertNull(second.nextCursor());
    assertEquals(List.of("c3", "c1", "c2", "c4"), ids(customers.list(a, ListFilter.ALL, null, null, null, null, 10)));
    assertThrows(IllegalArgumentException.class,
        () -> customers.list(a, ListFilter.ALL, NameKey.prefix("zz"), null, null, first.nextCursor(), 5));
  }

  @Test
  void staffUnsubscribeIsOnceAndListedByDate() {
    String a = "acct-unsub";
    customers.create(a, profile("u1", "Una", "Sub", "+15145550105", null));
    customers.create(a, profile("u2", "Vic", "Sub", "+15145550106", null));
    customers.table().transact(customers.staffUnsubscribeWrite(a, "u1", "2026-11-01T10:00:00.000Z", "user-a"));
    customers.table().transact(customers.staffUnsubscribeWrite(a, "u2", "2026-11-20T10:00:00.000Z", "user-b"));
    assertThrows(TransactionCancelled.class,
        () -> customers.table().transact(customers.staffUnsubscribeWrite(a, "u1", T2, "user-b")), "already unsubscribed");
    CustomerProfile u1 = customers.find(a, "u1").orElseThrow();
    assertFalse(u1.subscribed());
    assertEquals("user-a", u1.unsubscribedBy());
    assertEquals(List.of("u1", "u2"), ids(customers.list(a, ListFilter.UNSUBSCRIBED, null, null, null, null, 10)));
    assertEquals(List.of("u2"), ids(customers.list(a, ListFilter.UNSUBSCRIBED, null, "2026-11-02", "2026-11-20", null, 10)));
    assertEquals(List.of("u1"), ids(customers.list(a, ListFilter.UNSUBSCRIBED, NameKey.prefix("sub una"), null, null, null, 10)));

    customers.table().transact(customers.resubscribeWrite(a, "u1", T2));
    assertNull(customers.find(a, "u1").orElseThrow().unsubscribedBy());
  }

  private static List<String> ids(Page<CustomerProfile> page) {
    return page.items().stream().map(CustomerProfile::customerId).toList();
  }
}
