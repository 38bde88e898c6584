package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {
    @Test
    void defaultsAreTogglsRealLimits() {
        SimulatorConfig c = SimulatorConfig.defaults();
        assertThat(c.userQuotaPerHour()).isEqualTo(30);
        assertThat(c.freeOrganizationQuotaPerHour()).isEqualTo(30);
        assertThat(c.premiumOrganizationQuotaPerHour()).isEqualTo(600);
        assertThat(c.quotaWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(c.burstRequestsPerSecond()).as("burst limit off").isZero();
        assertThat(c.timeEntriesResultCap()).as("no cap").isZero();
        assertThat(c.port()).isZero();
    }

    @Test
    void invalidValuesFailWithTheirName() {
        SimulatorConfig c = SimulatorConfig.defaults();
        assertThatThrownBy(() -> c.withPort(70_000)).hasMessage("simulator config: port must be 0..65535, got 70000");
        assertThatThrownBy(() -> c.withToken("a:b")).hasMessageContaining("token");
        assertThatThrownBy(() -> c.withTimeEntries(-1)).hasMessageContaining("timeEntries must be 0..");
        assertThatThrownBy(() -> c.withQuotaWindow(Duration.ZERO)).hasMessageContaining("quotaWindow must be positive");
        assertThatThrownBy(() -> c.withBurstLimit(1, 0)).hasMessageContaining("burstCapacity");
        assertThatThrownBy(() -> c.withFeatureRequired(Endpoint.ME, 1)).hasMessageContaining("not a workspace or organization endpoint");
    }

    @Test
    void toStringMasksTheToken() {
        assertThat(SimulatorConfig.defaults().withToken("very-secret").toString())
                .doesNotContain("very-secret").contains("token=****");
    }

    @Test
    void withersChangeOnlyTheirField() {
        SimulatorConfig c = SimulatorConfig.defaults().withSeed(9).withTimeEntries(10, 3).withQuota(5);
        assertThat(c.seed()).isEqualTo(9);
        assertThat(c.timeEntries()).isEqualTo(10);
        assertThat(c.olderTimeEntries()).isEqualTo(3);
        assertThat(c.userQuotaPerHour()).isEqualTo(5);
        assertThat(c.premiumOrganizationQuotaPerHour()).isEqualTo(5);
        assertThat(c.token()).isEqualTo(SimulatorConfig.DEFAULT_TOKEN);
    }
}
