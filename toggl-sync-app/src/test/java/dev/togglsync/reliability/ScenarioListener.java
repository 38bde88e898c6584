package dev.togglsync.reliability;

import java.util.HashSet;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Tells {@link Captured} which test classes this run selected and which scenario is running, so
 * the secret scan can tie its floor to the suite (registered in
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener; JUnit loads it for every
 * test run, where it only records names). Tests run one at a time (no parallel execution is
 * configured), so "the scenario running" is well defined.
 */
public final class ScenarioListener implements TestExecutionListener {
    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        Set<String> classes = new HashSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                id.getSource().filter(ClassSource.class::isInstance)
                        .ifPresent(s -> classes.add(((ClassSource) s).getClassName()));
            }
        }
        Captured.planned(classes);
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        TestSource source = id.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            Captured.enter(new Captured.Scenario(m.getClassName(), m.getMethodName()));
        } else if (source instanceof ClassSource c) {
            Captured.enter(new Captured.Scenario(c.getClassName(), ""));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        TestSource source = id.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            Captured.enter(new Captured.Scenario(m.getClassName(), ""));
        } else if (source instanceof ClassSource) {
            Captured.enter(Captured.Scenario.NONE);
        }
    }
}
