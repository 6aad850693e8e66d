package dev.junction.zeromq;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips inherited conformance tests a pattern cannot pass by its nature (a REQ socket has one call
 * on the wire at a time), with the reason shown in the report.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SkipTests.Condition.class)
@interface SkipTests {
    String[] value();

    String reason();

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            SkipTests skip = context.getRequiredTestClass().getAnnotation(SkipTests.class);
            if (skip == null || context.getTestMethod().isEmpty()) {
                return ConditionEvaluationResult.enabled("no skips");
            }
            String name = context.getRequiredTestMethod().getName();
            return Arrays.asList(skip.value()).contains(name)
                    ? ConditionEvaluationResult.disabled(skip.reason())
                    : ConditionEvaluationResult.enabled("not skipped");
        }
    }
}
