// A fix to Temporal's time-skipping test server (io.temporal:temporal-test-server 1.38.0 and its
// main branch), applied to its class as it is loaded.
//
// The bug: a query that arrives while a workflow task is running is buffered until that task
// completes. When the task's completion continues the workflow as new, the server then still
// schedules a workflow task on the finished run, because its check of "the run has ended" in
// completeWorkflowTask leaves out CONTINUED_AS_NEW. Scheduling on a finished run throws
// NOT_FOUND "workflow execution already completed" halfway through the completion, after the run
// was marked continued but before the new run was started: the worker is refused ("Task not found
// when completing"), the new run never starts and every later query and update on the workflow
// waits forever. On a slow machine the worker's task lasts long enough for the tests' polling
// queries to land inside it; that was the first run's listing tests hanging.
//
// The fix: scheduleWorkflowTask does nothing on a run that has ended, as it already does for
// COMPLETED, FAILED and CANCELED (never reaching it). The rest of the completion goes through:
// the new run starts and the buffered query is answered by the finished run, as Temporal's own
// server does. Regression test: scripts/test-server/time-skipping.test.ts.
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

final class ContinueAsNewFix {
  private static final String STATE = "io/temporal/internal/testservice/TestWorkflowMutableStateImpl";
  private static final String SCHEDULE = "scheduleWorkflowTask";
  private static final String SCHEDULE_DESC = "(Lio/temporal/internal/testservice/RequestContext;)V";

  /** Defines the fixed class; must run before anything loads the original (before the services start). */
  static void apply() throws Exception {
    byte[] original;
    try (InputStream in = ClassLoader.getSystemResourceAsStream(STATE + ".class")) {
      if (in == null) throw new IllegalStateException(STATE + " not on the class path");
      original = in.readAllBytes();
    }
    boolean[] found = {false};
    ClassReader reader = new ClassReader(original);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        MethodVisitor method = super.visitMethod(access, name, desc, signature, exceptions);
        if (!name.equals(SCHEDULE) || !desc.equals(SCHEDULE_DESC)) return method;
        found[0] = true;
        return new MethodVisitor(Opcodes.ASM9, method) {
          @Override
          public void visitCode() {
            super.visitCode();
            // if (isTerminalState()) return;
            Label open = new Label();
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, STATE, "isTerminalState", "()Z", false);
            super.visitJumpInsn(Opcodes.IFEQ, open);
            super.visitInsn(Opcodes.RETURN);
            super.visitLabel(open);
            super.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
          }
        };
      }
    }, 0);
    if (!found[0]) {
      throw new IllegalStateException(STATE + "." + SCHEDULE + " is gone: a new test server version needs ContinueAsNewFix reviewed");
    }
    // Defined in the test server's own package and class loader, in place of the jar's class.
    MethodHandles.privateLookupIn(TestServicesStarter.class, MethodHandles.lookup()).defineClass(writer.toByteArray());
  }

  private ContinueAsNewFix() {}
}
