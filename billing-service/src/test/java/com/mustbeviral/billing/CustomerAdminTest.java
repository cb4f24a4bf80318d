package com.mustbeviral.billing;

import static com.mustbeviral.billing.SubscriptionTest.as;
import static com.mustbeviral.billing.SubscriptionTest.change;
import static com.mustbeviral.testsupport.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mustbeviral.testsupport.KafkaBrokerResource;
import com.mustbeviral.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Admins see any customer's billing, and each look is audited; nobody else gets in. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class CustomerAdminTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anAdminSeesACustomerAndTheViewIsAudited() throws Exception {
        TestTokens customer = TestTokens.user();
        UUID id = UUID.fromString(customer.claimValue("sub"));
        change(customer, "pro", false).statusCode(200);
        TestTokens admin = TestTokens.user().claim("role", "admin");

        as(admin).get("/api/billing/admin/customers/" + id).then().statusCode(200)
                .body("subscription.plan", equalTo("pro"))
                .body("usage.plan", equalTo("pro"))
                .body("invoices.data[0].amount_cents", equalTo(1900));

        List<Outboxed.Event> events = Outboxed.of(dataSource, id);
        Outboxed.Event last = events.get(events.size() - 1);
        assertEquals("customer.viewed", last.type());
        assertTrue(last.payload().contains(admin.claimValue("sub")), last.payload());
    }

    @Test
    void aCustomerCannotLookAtAnother() throws Exception {
        UUID other = UUID.randomUUID();
        assertProblem(as(TestTokens.user()).get("/api/billing/admin/customers/" + other).then(), 403);
        assertEquals(List.of(), Outboxed.types(dataSource, other));
    }

    @Test
    void aMalformedCustomerIdIsRefused() {
        assertProblem(as(TestTokens.user().claim("role", "admin")).get("/api/billing/admin/customers/not-a-uuid")
                .then(), 400);
    }
}
