package pai.redpacket;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import pai.platform.testing.ServiceContractTest;
import pai.platform.testing.TestEnvironment;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class PlatformEndpointsTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "redpacket-service";
    }
}
