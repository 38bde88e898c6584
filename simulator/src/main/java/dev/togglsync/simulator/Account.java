package dev.togglsync.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The fixed, seldom-changing part of the dataset: who the user is and where they work. */
final class Account {
    private Account() {}

    record User(
            long id,
            String apiToken,
            String email,
            String fullname,
            ZoneId timezone,
            String togglAccountsId,
            long defaultWorkspaceId,
            Instant createdAt,
            Instant updatedAt,
            Instant at,
            String intercomHash,
            Instant authorizationUpdatedAt) {}

    record Organization(long id, String name, boolean premium, Instant createdAt, int userCount) {
        String planName() {
            return premium ? "Premium" : "Free";
        }
    }

    record Workspace(
            long id,
            long organizationId,
            String name,
            boolean premium,
            Instant at,
            LocalDate lastModified,
            Double defaultHourlyRate,
            String defaultCurrency) {}

    record WorkspaceUser(
            long id,
            long uid,
            long wid,
            String name,
            String email,
            boolean active,
            boolean admin,
            String role,
            Instant at,
            String timezone) {}
}
