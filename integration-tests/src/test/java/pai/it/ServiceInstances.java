package pai.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The service processes one IT class runs, registered on a static field with {@code @RegisterExtension}: the
 * processes {@link #twoOf} names start before the class's {@code @BeforeAll} methods, those a {@code @BeforeAll}
 * method {@link #start}s join them, and all stop after the class's last test, the last started first. Two
 * instances of one service stand for the service scaled out with no balancer in front: a scenario spreads its
 * calls between them with {@link #byTurn} and {@link #other}.
 */
final class ServiceInstances implements BeforeAllCallback, AfterAllCallback {
    private record Planned(String service, Map<String, String> systemProperties) {
    }

    private final List<Planned> planned;
    private final List<ServiceProcess> running = new ArrayList<>();

    /** None yet: the class starts its processes itself, in a {@code @BeforeAll} method. */
    ServiceInstances() {
        this(List.of());
    }

    private ServiceInstances(List<Planned> planned) {
        this.planned = planned;
    }

    /** Two processes of one service, started one after the other with the same system properties. */
    static ServiceInstances twoOf(String service, Map<String, String> systemProperties) {
        Planned instance = new Planned(service, systemProperties);
        return new ServiceInstances(List.of(instance, instance));
    }

    static ServiceInstances twoOf(String service) {
        return twoOf(service, Map.of());
    }

    /** Starts one more process, ready when this returns, and stops it with the others. */
    ServiceProcess start(String service, Map<String, String> systemProperties) {
        ServiceProcess started = ServiceProcess.start(service, systemProperties);
        running.add(started);
        return started;
    }

    ServiceProcess start(String service) {
        return start(service, Map.of());
    }

    ServiceProcess first() {
        return running.get(0);
    }

    ServiceProcess second() {
        return running.get(1);
    }

    /** The first instance for an even {@code n}, the second for an odd one. */
    ServiceProcess byTurn(int n) {
        return n % 2 == 0 ? first() : second();
    }

    /** Of the two instances, the one that is not {@code instance}. */
    ServiceProcess other(ServiceProcess instance) {
        return instance == first() ? second() : first();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        planned.forEach(instance -> start(instance.service(), instance.systemProperties()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopAll();
    }

    /** Stops every process, the last started first: what afterAll does, for jqwik's engine too. */
    void stopAll() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }
}
