package dev.togglsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The labels dry runs, events and messages show are derived from the typed bucket. */
class QuotaBucketTest {
    @Test
    void labelsAndPlaceholdersAreTheTextsTheOutputShows() {
        assertThat(QuotaBucket.USER.label()).isEqualTo("user");
        assertThat(QuotaBucket.organization(42).label()).isEqualTo("org:42");
        assertThat(new QuotaBucket.UnnamedOrganization(7).label()).isEqualTo("workspace:7");
        assertThat(QuotaBucket.Kind.USER.placeholder()).isEqualTo("user");
        assertThat(QuotaBucket.Kind.ORGANIZATION.placeholder()).isEqualTo("org:{organization_id}");
        assertThat(QuotaBucket.organization(42)).hasToString("org:42");
    }

    @Test
    void bucketsAreEqualByWhatTheyNameAndKnowTheirKind() {
        assertThat(QuotaBucket.organization(42)).isEqualTo(QuotaBucket.organization(42)).isNotEqualTo(QuotaBucket.organization(43));
        assertThat(QuotaBucket.USER).isEqualTo(new QuotaBucket.User());
        assertThat(new QuotaBucket.UnnamedOrganization(42)).isNotEqualTo(QuotaBucket.organization(42));
        assertThat(QuotaBucket.USER.kind()).isEqualTo(QuotaBucket.Kind.USER);
        assertThat(QuotaBucket.organization(42).kind()).isEqualTo(QuotaBucket.Kind.ORGANIZATION);
        assertThat(new QuotaBucket.UnnamedOrganization(42).kind()).isEqualTo(QuotaBucket.Kind.ORGANIZATION);
    }
}
