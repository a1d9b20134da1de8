// Temporal's time-skipping test server (io.temporal:temporal-test-server) started at a chosen
// instant. Workflow tests of working-day deadlines must start on a known date (say, the day before
// National Day); the stock TestServer main always starts at the wall clock.
//   java -cp lib/*:classes CalendarTestServer <port>
// The start instant comes from TEMPORAL_TEST_SERVER_START (ISO-8601); unset means now. Time
// skipping starts locked, as the TypeScript SDK expects.
//
// Keepalive: the SDK's clients ping every 30 s (grpc-js: keepalive_time_ms 30000, also without
// calls; the Rust core alike). grpc-java servers by default permit a ping only every 5 minutes and
// only during a call; after two early pings they send GOAWAY "too_many_pings" and drop the
// connection. A time skip is one long call while activities run (time is locked meanwhile), so a
// skip longer than about a minute - a slow first run - lost its connection and never returned.
// Permit what the real Temporal frontend permits (keepalive enforcement: 10 s, without calls).
//
// Continue-as-new: the stock server loses a workflow that continues as new while a query waits
// for its workflow task; ContinueAsNewFix repairs that before the services start.
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

public final class CalendarTestServer {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: CalendarTestServer <port>");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    String start = System.getenv("TEMPORAL_TEST_SERVER_START");
    long initialMillis = start == null || start.isEmpty() ? 0 : Instant.parse(start).toEpochMilli();
    ContinueAsNewFix.apply();
    TestServicesStarter services = new TestServicesStarter(true, initialMillis);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true);
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      services.close();
    }));
    server.awaitTermination();
  }
}
