package dev.togglsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccountsTest {
    @Test
    void eachAccountHasItsOwnTokenDataQuotaAndRequestLog() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withTimeEntries(20, 0).withQuota(3), 3)) {
            Api api = new Api(sim);
            List<SimulatedAccount> accounts = sim.accounts();
            assertThat(accounts).extracting(SimulatedAccount::token).doesNotHaveDuplicates().first().isEqualTo(sim.token());
            assertThat(accounts.get(1).dataset().timeEntries().map(TimeEntry::description).toList())
                    .isNotEqualTo(accounts.get(2).dataset().timeEntries().map(TimeEntry::description).toList());

            for (SimulatedAccount a : accounts) {
                assertThat(api.getWithAuthorization("/api/v9/me", a.authorizationHeader()).statusCode()).isEqualTo(200);
            }
            accounts.get(1).quota().exhaustUser();
            assertThat(api.getWithAuthorization("/api/v9/me", accounts.get(1).authorizationHeader()).statusCode()).isEqualTo(402);
            assertThat(api.getWithAuthorization("/api/v9/me", accounts.get(2).authorizationHeader()).statusCode()).isEqualTo(200);
            assertThat(accounts.get(1).requests()).extracting(RecordedRequest::status).containsExactly(200, 402);
            assertThat(accounts.get(2).requests()).extracting(RecordedRequest::status).containsExactly(200, 200);

            // The same seed gives the same accounts.
            try (Simulator again = Simulator.start(SimulatorConfig.defaults().withTimeEntries(20, 0), 3)) {
                assertThat(again.account(2).token()).isEqualTo(accounts.get(2).token());
            }
        }
    }

    @Test
    void anUnknownTokenIsRefusedAsTogglRefusesIt() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withTimeEntries(5, 0), 2)) {
            assertThat(new Api(sim).getWithAuthorization("/api/v9/me", "Basic d3Jvbmc6YXBpX3Rva2Vu").statusCode()).isEqualTo(403);
        }
    }
}
