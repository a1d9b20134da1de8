// Temporal's time-skipping test server (io.temporal:temporal-test-server) started at a chosen
// instant. Workflow tests of working-day deadlines must start on a known date (say, the day before
// National Day); the stock TestServer main always starts at the wall clock.
//   java -cp lib/*:classes CalendarTestServer <port>
// The start instant comes from TEMPORAL_TEST_SERVER_START (ISO-8601); unset means now. Time
// skipping starts locked, as the TypeScript SDK expects.
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.time.Instant;

public final class CalendarTestServer {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: CalendarTestServer <port>");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    String start = System.getenv("TEMPORAL_TEST_SERVER_START");
    long initialMillis = start == null || start.isEmpty() ? 0 : Instant.parse(start).toEpochMilli();
    TestServicesStarter services = new TestServicesStarter(true, initialMillis);
    ServerBuilder<?> builder = Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      services.close();
    }));
    server.awaitTermination();
  }
}
