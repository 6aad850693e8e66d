package dev.junction.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadPlanTest {
    private static final Duration S = Duration.ofSeconds(1);

    @Test
    void spreads_calls_in_flight_evenly_with_the_remainder_first() {
        LoadPlan plan = LoadPlan.spread(10, 4, Duration.ZERO, S);
        assertThat(plan.inFlight()).containsExactly(3, 3, 2, 2);
        assertThat(plan.connections()).isEqualTo(4);
        assertThat(plan.concurrency()).isEqualTo(10);
    }

    @Test
    void fewer_calls_than_connections_is_refused_with_both_figures() {
        assertThatThrownBy(() -> LoadPlan.spread(2, 3, Duration.ZERO, S))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--concurrency (2) must be at least --connections (3): every connection needs a call");
        assertThatThrownBy(() -> LoadPlan.spread(1, 0, Duration.ZERO, S))
                .hasMessage("--connections must be at least 1, not 0");
    }

    @Test
    void durations_and_slots_are_checked() {
        assertThatThrownBy(() -> new LoadPlan(new int[] {1}, Duration.ofSeconds(-1), S))
                .hasMessage("warm-up must not be negative: PT-1S");
        assertThatThrownBy(() -> new LoadPlan(new int[] {1}, Duration.ZERO, Duration.ZERO))
                .hasMessage("the measured time must be more than zero: PT0S");
        assertThatThrownBy(() -> new LoadPlan(new int[] {1, 0}, Duration.ZERO, S))
                .hasMessage("every connection needs at least one call in flight");
        assertThatThrownBy(() -> new LoadPlan(new int[0], Duration.ZERO, S))
                .hasMessage("at least one connection is needed");
    }

    @Test
    void the_plan_keeps_its_own_copy_of_the_slots() {
        int[] slots = {2, 2};
        LoadPlan plan = new LoadPlan(slots, Duration.ZERO, S);
        slots[0] = 99;
        plan.inFlight()[1] = 99;
        assertThat(plan.inFlight()).containsExactly(2, 2);
    }
}
