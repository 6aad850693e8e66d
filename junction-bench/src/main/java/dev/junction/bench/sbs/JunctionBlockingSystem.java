package dev.junction.bench.sbs;

import dev.junction.Junction;
import dev.junction.RpcClient;
import dev.junction.cli.bench.Caller;

/**
 * Junction over {@code tcp://} called the way jsonrpc4j's client is: the blocking {@code
 * client.call("echo", String.class, payload)}, one call at a time per connection on the load
 * generator's thread, the client's defaults otherwise. A blocking call completes on the transport
 * thread (its waiting caller only needs waking; no user code runs there), so this measures the
 * sequential API without the hand-off that {@code callAsync}'s dependents need. The same shapes as
 * {@link Jsonrpc4jSystem}: W1 and W3 as they are, W2 as {@value Jsonrpc4jSystem#W2_CONNECTIONS}
 * connections with one call each, no W4. Stateless.
 */
final class JunctionBlockingSystem extends JunctionSystem {
    JunctionBlockingSystem() {
        super("junction-tcp-blocking", "tcp://127.0.0.1:0", uri -> uri, false, false);
    }

    @Override
    public Caller connect(String address, String payload) {
        RpcClient client = Junction.client().connect(address);
        return new Caller() {
            @Override
            public void call(Completion done) {
                String answer;
                try {
                    answer = client.call("echo", String.class, payload);
                } catch (RuntimeException e) {
                    done.done(e);
                    return;
                }
                done.done(EchoCheck.verify(payload, answer));
            }

            @Override
            public boolean blocking() {
                return true;
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    @Override
    public boolean supports(Workload workload) {
        return workload.inFlight() == 1 || workload == Workload.W2;
    }

    @Override
    public int connections(Workload workload) {
        return workload == Workload.W2 ? Jsonrpc4jSystem.W2_CONNECTIONS : workload.connections();
    }

    @Override
    public int inFlight(Workload workload) {
        return workload == Workload.W2 ? 1 : workload.inFlight();
    }
}
